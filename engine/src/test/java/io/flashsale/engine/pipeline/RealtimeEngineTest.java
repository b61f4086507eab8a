package io.flashsale.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.process.ThreadScheduling;

/**
 * An engine thread asked to run real-time must block when idle: a spinning or yielding wait strategy is refused
 * before the engine starts, and the priority is range-checked.
 */
class RealtimeEngineTest
{
    @TempDir
    Path data;

    @Test
    void shouldRefuseAnEngineThatWouldSpinOrYieldOnARealTimeThread() throws Exception
    {
        for (final WaitStrategyKind kind : WaitStrategyKind.values())
        {
            assertEquals(kind == WaitStrategyKind.BLOCKING || kind == WaitStrategyKind.PHASED, kind.blocksWhenIdle(),
                kind.name());
        }
        final EngineConfig config = new EngineConfig().dataDirectory(data).tickIntervalMillis(0)
            .waitStrategy(WaitStrategyKind.YIELDING).scheduling(ThreadScheduling.realtime(5));
        final IllegalArgumentException refused =
            assertThrows(IllegalArgumentException.class, () -> Engine.start(config, new ResultSink()
            {
                @Override
                public void onResult(final io.flashsale.engine.command.CommandResult result)
                {
                }

                @Override
                public void onEndOfBatch()
                {
                }
            }).close());
        assertTrue(refused.getMessage().contains("must block when idle"), refused.getMessage());
        assertTrue(Files.exists(data), "the data directory is left as it was");
    }
}
