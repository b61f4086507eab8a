package io.flashsale.engine.pipeline;

/**
 * Recovery from a periodic snapshot plus the journal records written after it.
 */
class RestartFromSnapshotAndTailTest extends AbstractRestartTest
{
    @Override
    EngineConfig configure(final EngineConfig config)
    {
        return config.snapshotOnShutdown(false).snapshotEveryRecords(3);
    }
}
