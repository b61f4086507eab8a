package io.flashsale.engine.pipeline;

/**
 * Recovery by replaying the whole journal: no snapshot is ever written.
 */
class RestartFromJournalTest extends AbstractRestartTest
{
    @Override
    EngineConfig configure(final EngineConfig config)
    {
        return config.snapshotOnShutdown(false).snapshotEveryRecords(0);
    }
}
