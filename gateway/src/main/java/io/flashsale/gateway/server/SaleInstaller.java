package io.flashsale.gateway.server;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.flashsale.engine.command.CommandResult;
import io.flashsale.engine.command.Detail;
import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.pipeline.CommandPublisher;
import io.flashsale.engine.pipeline.Engine;
import io.flashsale.engine.state.Catalog;
import io.flashsale.gateway.config.SaleDefinition;

/**
 * Defines a sale at start-up, off the event loops (it blocks until the engine answered): DEFINE_SALE then ADD_SKU per
 * SKU. A sale whose id the catalogue already holds (replayed from the journal) is left alone, so a restart never
 * redefines it with a new "now".
 */
public final class SaleInstaller
{
    private SaleInstaller()
    {
    }

    /**
     * @param engine a started engine.
     * @param sale   the sale.
     * @return true if it was defined now, false if the journal already had it.
     * @throws IllegalStateException if the engine refused a command or did not answer within a minute.
     */
    public static boolean install(final Engine engine, final SaleDefinition sale)
    {
        if (engine.catalogView().saleIndex(sale.id()) != Catalog.MISSING)
        {
            return false;
        }
        final Collector collector = new Collector(1 + sale.skus().size());
        final CommandPublisher publisher = engine.publisher();
        publish(() -> publisher.defineSale(
            collector, 0, sale.id(), sale.opensAt(), sale.closesAt(), sale.paymentWindowMillis()));
        long index = 1;
        for (final SaleDefinition.Sku sku : sale.skus())
        {
            final long correlation = index++;
            publish(() -> publisher.addSku(
                collector, correlation, sale.id(), sku.id(), sku.store(), sku.price(), sku.stock(), sku.limit()));
        }
        collector.await();
        if (collector.failure != null)
        {
            final String what = collector.failedAt == 0 ? "sale " + sale.id() :
                "SKU " + sale.skus().get((int)collector.failedAt - 1).id();
            throw new IllegalStateException("defining " + what + " failed: " + collector.failure +
                (collector.detail == Detail.NONE ? "" : " (" + Detail.text(collector.detail) + ")"));
        }
        return true;
    }

    private static void publish(final BooleanSupplier attempt)
    {
        while (!attempt.getAsBoolean())
        {
            try
            {
                TimeUnit.MILLISECONDS.sleep(1);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while defining the sale", ex);
            }
        }
    }

    /**
     * Counts results on the engine thread; the installing thread waits on the latch.
     */
    private static final class Collector implements ResultListener
    {
        private final CountDownLatch remaining;
        private volatile ResultCode failure;
        private volatile int detail;
        private volatile long failedAt;

        Collector(final int expected)
        {
            this.remaining = new CountDownLatch(expected);
        }

        @Override
        public void onResult(final CommandResult result)
        {
            if (failure == null && result.result() != ResultCode.OK)
            {
                detail = result.detail();
                failedAt = result.correlationId();
                failure = result.result();
            }
            remaining.countDown();
        }

        void await()
        {
            try
            {
                if (!remaining.await(1, TimeUnit.MINUTES))
                {
                    throw new IllegalStateException("the engine did not answer the sale definition in a minute");
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while defining the sale", ex);
            }
        }
    }
}
