package io.flashsale.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.engine.command.CommandResult;
import io.flashsale.engine.command.CommandType;
import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.command.SaleLimits;
import io.flashsale.engine.state.CatalogView;
import io.flashsale.engine.support.EngineClient;

/**
 * Four producer threads race one million buys onto 100 SKUs of 1,000 units through the real pipeline and journal.
 */
class NoOversellTest
{
    private static final int THREADS = 4;
    private static final int BUYS_PER_THREAD = 250_000;
    private static final int SKUS = 100;
    private static final int STOCK = 1_000;

    @TempDir
    Path data;

    @Test
    void shouldReserveExactlyTheStockWhenFourThreadsRaceAMillionBuys() throws Exception
    {
        final AtomicLongArray outcomes = new AtomicLongArray(ResultCode.values().length);
        final CountDownLatch done = new CountDownLatch(THREADS * BUYS_PER_THREAD);
        final ResultSink counting = new ResultSink()
        {
            @Override
            public void onResult(final CommandResult result)
            {
                if (result.type() == CommandType.BUY)
                {
                    outcomes.incrementAndGet(result.result().ordinal());
                    done.countDown();
                }
            }
        };
        final long now = System.currentTimeMillis();
        final Engine engine = Engine.start(new EngineConfig().dataDirectory(data.resolve("race")).ringSize(1024)
            .tickIntervalMillis(0).expectedOrders(200_000), counting);
        try
        {
            final CommandPublisher publisher = engine.publisher();
            publishAdmin(publisher, now);
            final List<Thread> producers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++)
            {
                final int thread = t;
                producers.add(new Thread(() -> produce(publisher, thread), "producer-" + t));
            }
            producers.forEach(Thread::start);
            for (final Thread producer : producers)
            {
                producer.join();
            }
            assertTrue(done.await(120, TimeUnit.SECONDS), "all results delivered");
            assertEquals(SKUS * STOCK, outcomes.get(ResultCode.RESERVED.ordinal()));
            assertEquals(THREADS * BUYS_PER_THREAD - SKUS * STOCK, outcomes.get(ResultCode.SOLD_OUT.ordinal()));
            final CatalogView catalog = engine.catalogView();
            for (int i = 0; i < catalog.skuCount(); i++)
            {
                assertEquals(0, catalog.skuAvailable(i));
                assertEquals(STOCK, catalog.skuHeld(i));
            }
        }
        finally
        {
            engine.close();
        }
        try (EngineClient restarted = new EngineClient(new EngineConfig().dataDirectory(data.resolve("race"))
            .tickIntervalMillis(0)))
        {
            assertEquals(SKUS * STOCK, restarted.engine().recovery().orders());
            for (int s = 1; s <= SKUS; s++)
            {
                assertEquals(STOCK, restarted.sku(s).held());
            }
        }
    }

    private static void publishAdmin(final CommandPublisher publisher, final long now)
    {
        while (!publisher.defineSale(null, 0, 1, now - 1000, now + 3_600_000, 60_000))
        {
            Thread.onSpinWait();
        }
        for (int s = 1; s <= SKUS; s++)
        {
            while (!publisher.addSku(null, 0, 1, s, 1, 100, STOCK, 1, SaleLimits.defaultMaxOrdersPerBuyer(1)))
            {
                Thread.onSpinWait();
            }
        }
    }

    private static void produce(final CommandPublisher publisher, final int thread)
    {
        final byte[] id = new byte[24];
        for (int i = 0; i < BUYS_PER_THREAD; i++)
        {
            final long user = (long)thread * BUYS_PER_THREAD + i + 1;
            final int length = encodeId(id, user);
            final long sku = 1 + (user * 31) % SKUS;
            while (!publisher.buy(null, user, user, sku, 1, id, 0, length))
            {
                Thread.onSpinWait();
            }
        }
    }

    private static int encodeId(final byte[] id, final long value)
    {
        id[0] = 'r';
        int n = 1;
        long v = value;
        do
        {
            id[n++] = (byte)('0' + (v % 10));
            v /= 10;
        }
        while (v > 0);
        return n;
    }
}
