package io.flashsale.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.support.EngineClient;
import io.flashsale.engine.support.ManualClock;

/**
 * Records replayed at start count towards the next periodic snapshot: a node that never writes a whole snapshot
 * interval in one lifetime (it keeps crashing, or restarts often) still snapshots, so its replay stays bounded.
 */
class SnapshotAfterCrashesTest
{
    private static final long OPEN = 1_700_000_000_000L;

    @TempDir
    Path data;

    private EngineConfig config()
    {
        return new EngineConfig().dataDirectory(data).clock(new ManualClock(OPEN + 1)).tickIntervalMillis(0)
            .snapshotOnShutdown(false).snapshotEveryRecords(10);
    }

    @Test
    void shouldSnapshotWhenReplayedAndNewRecordsTogetherReachTheInterval()
    {
        try (EngineClient node = new EngineClient(config()))
        {
            assertEquals(ResultCode.OK, node.defineSale(1, OPEN, OPEN + 1_000_000, 60_000).code());
            assertEquals(ResultCode.OK, node.addSku(1, 10, 100, 100, 100).code());
            for (int i = 1; i <= 6; i++)
            {
                assertEquals(ResultCode.RESERVED, node.buy(i, 10, 1, "a" + i).code());
            }
        }
        try (EngineClient node = new EngineClient(config()))
        {
            assertEquals(8, node.engine().recovery().recordsReplayed());
            assertEquals(ResultCode.RESERVED, node.buy(7, 10, 1, "b1").code());
            assertEquals(ResultCode.RESERVED, node.buy(8, 10, 1, "b2").code());
        }
        try (EngineClient node = new EngineClient(config()))
        {
            assertNotNull(node.engine().recovery().snapshot(), "8 replayed + 2 new records reached the interval");
            assertTrue(node.engine().recovery().recordsReplayed() < 10);
            assertEquals(8, node.engine().recovery().orders());
        }
    }
}
