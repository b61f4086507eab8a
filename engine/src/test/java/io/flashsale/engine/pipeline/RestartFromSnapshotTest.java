package io.flashsale.engine.pipeline;

/**
 * Recovery from the snapshot written at clean shutdown, with no journal tail after it.
 */
class RestartFromSnapshotTest extends AbstractRestartTest
{
    @Override
    EngineConfig configure(final EngineConfig config)
    {
        return config.snapshotOnShutdown(true).snapshotEveryRecords(0);
    }
}
