/**
 * The crash-recovery harness ({@code flashsale crash}): a node in its own JVM, client threads that pipeline buys,
 * pays and cancels into a thread-safe ledger, SIGKILL and restart, then checks over HTTP and of the journal while no
 * client runs.
 */
package io.flashsale.bench.crash;
