package io.flashsale.bench.crash;

import java.util.List;

/**
 * One kill and restart of the node, and what the checks after it found.
 *
 * @param number           kill number, from 1.
 * @param ranMillis        how long the clients drove the node before the kill.
 * @param acknowledged     orders acknowledged so far (all runs).
 * @param unknown          requests so far whose answer the kill swallowed.
 * @param journalRecords   records in the journal after the kill (read offline before the restart).
 * @param journalBytes     length of the journal files at the kill (Chronicle grows them in large chunks).
 * @param restartMillis    from starting the new JVM until {@code GET /health} answered 200.
 * @param replayMillis     the engine's own recovery time (from its log), or -1 if not logged.
 * @param recordsReplayed  journal records replayed after the snapshot (from the log), or -1.
 * @param recoveredFrom    "no snapshot" or the snapshot file recovery started from.
 * @param checks           checks made after the restart.
 * @param failures         failed checks (empty: all passed).
 */
public record KillPoint(
    int number,
    long ranMillis,
    long acknowledged,
    long unknown,
    long journalRecords,
    long journalBytes,
    long restartMillis,
    long replayMillis,
    long recordsReplayed,
    String recoveredFrom,
    long checks,
    List<String> failures)
{
    /**
     * @return true if every check after this restart passed.
     */
    public boolean passed()
    {
        return failures.isEmpty();
    }
}
