/**
 * Scheduling of the threads a buy waits on: real-time priority for the node's engine thread and event loops and for
 * the load generator's event loops, so that on a shared box they run when woken instead of after another process's
 * time slice.
 */
package io.flashsale.threads;
