package io.flashsale.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.support.EngineClient;

/**
 * A command whose filling fails after its ring slot was claimed (a bad request id offset, a clock that throws) must
 * not stall the ring: the slot is published as a rejected no-op and every later command completes.
 */
class RingPublicationTest
{
    private static final long OPEN = 1_700_000_000_000L;

    @TempDir
    Path data;

    private final AtomicBoolean clockFails = new AtomicBoolean();

    @Test
    void shouldKeepTheRingMovingWhenAFillFails()
    {
        final EngineConfig config = new EngineConfig().dataDirectory(data).tickIntervalMillis(0).ringSize(64)
            .clock(() ->
            {
                if (clockFails.getAndSet(false))
                {
                    throw new IllegalStateException("clock failed");
                }
                return OPEN + 1_000;
            });
        try (EngineClient node = new EngineClient(config))
        {
            assertEquals(ResultCode.OK, node.defineSale(1, OPEN, OPEN + 86_400_000, 60_000).code());
            assertEquals(ResultCode.OK, node.addSku(1, 10, 100, 1_000, 5).code());
            final CommandPublisher publisher = node.engine().publisher();
            assertThrows(IndexOutOfBoundsException.class,
                () -> publisher.buy(null, 0, 7, 10, 1, new byte[4], 10, 4));
            clockFails.set(true);
            assertThrows(IllegalStateException.class, () -> publisher.tick(null, 0));
            for (int i = 0; i < 200; i++)
            {
                assertEquals(ResultCode.RESERVED, node.buy(1_000 + i, 10, 1, "after-" + i).code(), "buy " + i);
            }
            assertEquals(2, node.engine().counters().results(ResultCode.INVALID), "two rejected no-ops");
            assertEquals(200, node.sku(10).held(), "the rejected slots changed nothing");
        }
    }
}
