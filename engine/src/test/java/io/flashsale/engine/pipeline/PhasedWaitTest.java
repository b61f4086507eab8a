package io.flashsale.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.support.EngineClient;
import io.flashsale.process.RealtimePriority;
import io.flashsale.process.ThreadScheduling;

/**
 * The default wait strategy blocks an idle engine and relies on the producer to wake it: a wake-up lost between the
 * engine deciding to block and a publication would leave a command unanswered, and this test would hang until its
 * timeout. Every command is published only once the engine thread is parked, blocked in the wait strategy. Run once on
 * the default scheduler and once with the engine thread SCHED_FIFO (where PHASED blocks right after its spin).
 */
class PhasedWaitTest
{
    private static final long OPEN = 1_700_000_000_000L;
    private static final String ENGINE_THREAD = "flashsale-engine";

    @TempDir
    Path data;

    @ParameterizedTest(name = "real-time priority {0}")
    @ValueSource(ints = {0, 10})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldWakeABlockedEngineForEveryCommand(final int realtimePriority) throws Exception
    {
        assertEquals(WaitStrategyKind.PHASED, new EngineConfig().waitStrategy(), "the default");
        final ThreadScheduling scheduling = realtimePriority == 0 ? ThreadScheduling.kernelDefault() :
            ThreadScheduling.realtime(realtimePriority);
        final EngineConfig config = new EngineConfig().dataDirectory(data).tickIntervalMillis(0)
            .waitStrategy(WaitStrategyKind.PHASED).scheduling(scheduling).clock(() -> OPEN + 1_000);
        try (EngineClient node = new EngineClient(config))
        {
            assertEquals(ResultCode.OK, node.defineSale(1, OPEN, OPEN + 86_400_000, 60_000).code());
            assertEquals(ResultCode.OK, node.addSku(1, 10, 100, 100_000, 5).code());
            final Thread engine = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(ENGINE_THREAD)).findFirst().orElseThrow();
            for (int i = 0; i < 500; i++)
            {
                while (engine.getState() != Thread.State.WAITING && engine.getState() != Thread.State.TIMED_WAITING)
                {
                    Thread.onSpinWait(); // until the engine has given up spinning and yielding and blocks
                }
                assertEquals(ResultCode.RESERVED, node.buy(1_000 + i, 10, 1, "w-" + i).code(), "buy " + i);
            }
            assertEquals(500, node.sku(10).held());
            // without a priority, or where the process may not take one, the engine stays on the default scheduler
            final boolean realtime = scheduling.isRealtime() && scheduling.check() == null;
            assertEquals(realtime ? "1 " + realtimePriority : "0 0", RealtimePriority.policyOf(ENGINE_THREAD));
        }
    }
}
