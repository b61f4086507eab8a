package io.flashsale.engine.pipeline;

import java.nio.file.Path;

/**
 * What start-up recovery did.
 *
 * @param snapshot         the snapshot loaded, or null for a full replay.
 * @param snapshotIndex    journal index the snapshot covered, or -1.
 * @param recordsReplayed  journal records applied after the snapshot.
 * @param lastIndex        journal index of the last excerpt applied, or -1 for an empty journal.
 * @param orders           orders in the recovered state.
 * @param millis           time taken, milliseconds.
 */
public record RecoveryReport(
    Path snapshot, long snapshotIndex, long recordsReplayed, long lastIndex, long orders, long millis)
{
}
