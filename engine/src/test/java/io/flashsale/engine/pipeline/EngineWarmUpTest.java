package io.flashsale.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Path;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.support.EngineClient;

/**
 * The JIT warm-up answers every command it publishes, leaves no temporary directory behind, and runs beside a live
 * engine without touching its state.
 */
class EngineWarmUpTest
{
    private static final long OPEN = 1_700_000_000_000L;

    @TempDir
    Path data;

    @Test
    void shouldAnswerEveryWarmUpCommandAndTouchNothingOfTheNode()
    {
        final File tmp = new File(System.getProperty("java.io.tmpdir"));
        final long before = warmUpDirectories(tmp);
        final EngineConfig config = new EngineConfig().dataDirectory(data).tickIntervalMillis(0)
            .clock(() -> OPEN + 1_000);
        try (EngineClient node = new EngineClient(config))
        {
            assertEquals(ResultCode.OK, node.defineSale(1, OPEN, OPEN + 86_400_000, 60_000).code());
            assertEquals(ResultCode.OK, node.addSku(1, 10, 100, 1_000, 5).code());
            // 1 sale + 8 SKUs + 4,000 buys + 2,000 pays + 1,000 cancels
            assertEquals(7_009, EngineWarmUp.run(config, 4_000));
            assertEquals(0, node.sku(10).held(), "the node's own state is untouched");
            assertEquals(ResultCode.RESERVED, node.buy(7, 10, 1, "after-warm-up").code());
        }
        assertEquals(before, warmUpDirectories(tmp), "the warm-up's directory is deleted");
        assertEquals(0, EngineWarmUp.run(config, 0));
    }

    private static long warmUpDirectories(final File tmp)
    {
        return Objects.requireNonNull(tmp.list((dir, name) -> name.startsWith("flashsale-warmup"))).length;
    }
}
