/**
 * How a flashsale process runs, whichever command it is: the exit codes every command uses ({@link
 * io.flashsale.process.ExitCodes}), and real-time priority for the threads a buy waits on (the node's engine thread
 * and event loops, the load generator's event loops), so that on a shared box they run when woken instead of after
 * another process's time slice ({@link io.flashsale.process.RealtimePriority}).
 */
package io.flashsale.process;
