package io.flashsale.engine.journal;

/**
 * What a committed excerpt survives.
 */
public enum SyncPolicy
{
    /**
     * Records are in the memory-mapped queue file when the result is acknowledged: they survive a crash or kill -9
     * of the process (the OS writes the pages back), not a power loss or kernel crash before write-back.
     */
    NONE,
    /**
     * Each batch's excerpt is msync'ed to the device before its results are acknowledged: survives power loss,
     * at the cost of a device flush per batch.
     */
    EVERY_BATCH
}
