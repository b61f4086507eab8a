package io.flashsale.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.engine.command.OrderState;
import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.support.EngineClient;
import io.flashsale.engine.support.ManualClock;
import io.flashsale.engine.support.Result;

/**
 * A node restarted on the same data directory continues exactly where it stopped: orders, stock, per-user units,
 * idempotency keys, open reservations and the order-id sequence. One subclass per recovery path.
 */
abstract class AbstractRestartTest
{
    private static final long OPEN = 1_700_000_000_000L;
    private static final long WINDOW = 60_000;

    @TempDir
    Path data;

    final ManualClock clock = new ManualClock(OPEN + 1);

    /**
     * @param config base settings for this test's data directory and clock.
     * @return the settings of the recovery path under test.
     */
    abstract EngineConfig configure(EngineConfig config);

    private EngineClient start()
    {
        return new EngineClient(configure(new EngineConfig().dataDirectory(data).clock(clock).tickIntervalMillis(0)));
    }

    @Test
    void shouldKeepOrdersStockAndIdempotencyAcrossRestart()
    {
        final long paid;
        final long cancelled;
        final long open;
        try (EngineClient node = start())
        {
            assertEquals(ResultCode.OK, node.defineSale(11, OPEN, OPEN + 86_400_000, WINDOW).code());
            assertEquals(ResultCode.OK, node.addSku(11, 100, 2_500, 5, 2).code());
            paid = node.buy(1, 100, 2, "a").orderId();
            cancelled = node.buy(2, 100, 1, "b").orderId();
            open = node.buy(3, 100, 1, "c").orderId();
            assertEquals(ResultCode.PAID, node.pay(paid, 1).code());
            assertEquals(ResultCode.CANCELLED, node.cancel(cancelled, 2).code());
        }
        clock.advance(1_000);
        try (EngineClient node = start())
        {
            final Result retry = node.buy(1, 100, 2, "a");
            assertEquals(ResultCode.DUPLICATE, retry.code());
            assertEquals(paid, retry.orderId());
            assertEquals(OrderState.PAID, retry.state());
            assertEquals(OrderState.CANCELLED, node.order(cancelled).state());
            assertEquals(OrderState.RESERVED, node.order(open).state());
            assertEquals(ResultCode.LIMIT_EXCEEDED, node.buy(1, 100, 1, "a2").code());
            final Result stock = node.sku(100);
            assertEquals(2, stock.sold());
            assertEquals(1, stock.held());
            assertEquals(2, stock.available());
            assertEquals(open + 1, node.buy(2, 100, 2, "d").orderId());
        }
        clock.advance(WINDOW);
        try (EngineClient node = start())
        {
            final Result tick = node.tick();
            assertEquals(2, tick.count(), "both open reservations survive restarts and expire on time");
            assertEquals(OrderState.EXPIRED, node.order(open).state());
            assertEquals(3, node.sku(100).available());
        }
    }
}
