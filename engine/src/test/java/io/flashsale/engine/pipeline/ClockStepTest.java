package io.flashsale.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.engine.command.OrderState;
import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.support.EngineClient;
import io.flashsale.engine.support.Result;

/**
 * Unpaid reservations expire after their payment window of real time, whatever the host's wall clock does: a step
 * back while running, or a restart on a host whose clock is behind the journal. The wall and monotonic clocks are
 * driven by hand.
 */
class ClockStepTest
{
    private static final long OPEN = 1_700_000_000_000L;
    private static final long WINDOW = 60_000;
    private static final long TEN_MINUTES = 600_000;
    private static final long SKU = 100;

    @TempDir
    Path data;

    private final AtomicLong wall = new AtomicLong(OPEN + 1_000);
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private EngineClient start()
    {
        return new EngineClient(new EngineConfig().dataDirectory(data).tickIntervalMillis(0)
            .clock(new MonotonicEpochClock(wall::get, nanos::get)));
    }

    private void elapse(final long millis)
    {
        wall.addAndGet(millis);
        nanos.addAndGet(millis * 1_000_000);
    }

    private static void defineOneUnitSale(final EngineClient node)
    {
        assertEquals(ResultCode.OK, node.defineSale(1, OPEN, OPEN + 86_400_000, WINDOW).code());
        assertEquals(ResultCode.OK, node.addSku(1, SKU, 2_500, 1, 1).code());
    }

    @Test
    void shouldExpireAnUnpaidOrderOnTimeAfterTheWallClockStepsBack()
    {
        try (EngineClient node = start())
        {
            defineOneUnitSale(node);
            final Result first = node.buy(1, SKU, 1, "a");
            assertEquals(ResultCode.RESERVED, first.code());
            wall.addAndGet(-TEN_MINUTES);
            elapse(WINDOW + 60_000);
            assertEquals(1, node.tick().count(), "expired 60 s past its deadline");
            assertEquals(OrderState.EXPIRED, node.order(first.orderId()).state());
            final Result next = node.buy(2, SKU, 1, "b");
            assertEquals(ResultCode.RESERVED, next.code(), "the unit is back on sale");
            assertTrue(next.deadline() > first.deadline(), "decision time kept moving forward");
        }
    }

    @Test
    void shouldExpireOnTimeAfterARestartOnAHostWhoseClockIsBehindTheJournal()
    {
        final Result first;
        try (EngineClient node = start())
        {
            defineOneUnitSale(node);
            elapse(3_600_000);
            first = node.buy(1, SKU, 1, "a");
            assertEquals(ResultCode.RESERVED, first.code());
        }
        wall.addAndGet(-3_600_000 - TEN_MINUTES);
        try (EngineClient node = start())
        {
            assertEquals(ResultCode.SOLD_OUT, node.buy(2, SKU, 1, "b").code(), "still held");
            elapse(WINDOW + 1_000);
            assertEquals(1, node.tick().count(), "expired one window of real time after the restart");
            final Result next = node.buy(2, SKU, 1, "c");
            assertEquals(ResultCode.RESERVED, next.code());
            assertTrue(next.deadline() > first.deadline(), "stamped after the journal's last time");
        }
    }
}
