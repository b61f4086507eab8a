package io.flashsale.gateway.server;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.engine.command.CommandResult;
import io.flashsale.engine.command.Detail;
import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.pipeline.CommandPublisher;
import io.flashsale.engine.pipeline.Engine;
import io.flashsale.engine.state.Catalog;
import io.flashsale.gateway.config.SaleDefinition;

/**
 * Installs a sale file (or the demo) at start-up, off the event loops (it blocks until the engine answered), with
 * {@link SaleCommands}. Idempotent per command, so a start that crashed half way through completes on the next start.
 * A sale whose id the journal already holds is not defined again (a relative window such as {@code "now"} would
 * differ), but its missing SKUs and names are added; a SKU that differs from the journal's is kept as the journal has
 * it and logged (restock is the way to add units).
 */
public final class SaleInstaller
{
    private static final Logger LOG = LoggerFactory.getLogger(SaleInstaller.class);

    private SaleInstaller()
    {
    }

    /**
     * @param engine a started engine.
     * @param sale   the sale.
     * @return true if the sale was defined now, false if the journal already had it (missing parts were completed).
     * @throws IllegalStateException if the engine refused a command (other than a conflict with what the journal
     *                               already holds) or did not answer within a minute.
     */
    public static boolean install(final Engine engine, final SaleDefinition sale)
    {
        final boolean known = engine.catalogView().saleIndex(sale.id()) != Catalog.MISSING;
        final SaleCommands commands = new SaleCommands(sale, !known);
        final Collector collector = new Collector(commands.size());
        final CommandPublisher publisher = engine.publisher();
        for (int step = 0; step < commands.size(); step++)
        {
            final int current = step;
            publish(() -> commands.publish(publisher, collector, current, current));
        }
        collector.await();
        for (int step = 0; step < commands.size(); step++)
        {
            final ResultCode result = collector.results[step];
            if (result == ResultCode.CONFLICT && known)
            {
                LOG.warn("{} in the sale file differs from the journal; the journal's definition stays",
                    commands.describe(step));
            }
            else if (result != ResultCode.OK)
            {
                final int detail = collector.details[step];
                throw new IllegalStateException("defining " + commands.describe(step) + " failed: " + result +
                    (detail == Detail.NONE ? "" : " (" + Detail.text(detail) + ")"));
            }
        }
        return !known;
    }

    /**
     * Install a sale on a cluster through a shard router's ring: the sale and its labels go to every shard, each SKU
     * to its shard. A cluster that already holds the same definition answers OK (several gateways install the same
     * file); a different definition stays and is reported. Steps answered UNAVAILABLE (a shard without a leader) are
     * tried again until the deadline.
     *
     * @param publisher the router's ring.
     * @param sale      the sale.
     * @param timeoutMs how long to keep trying.
     * @throws IllegalStateException if a shard refused a command, or some shard stayed unreachable until the deadline.
     */
    public static void installOnCluster(final CommandPublisher publisher, final SaleDefinition sale,
        final long timeoutMs)
    {
        final SaleCommands commands = new SaleCommands(sale, true);
        final long deadline = System.currentTimeMillis() + timeoutMs;
        final boolean[] done = new boolean[commands.size()];
        while (true)
        {
            final Collector collector = new Collector(commands.size());
            for (int step = 0; step < commands.size(); step++)
            {
                final int current = step;
                if (done[step])
                {
                    collector.onSkipped(step);
                    continue;
                }
                publish(() -> commands.publish(publisher, collector, current, current));
            }
            collector.await();
            boolean retry = false;
            for (int step = 0; step < commands.size(); step++)
            {
                if (done[step])
                {
                    continue;
                }
                final ResultCode result = collector.results[step];
                if (result == ResultCode.UNAVAILABLE || result == ResultCode.OVERLOADED)
                {
                    retry = true;
                    continue;
                }
                done[step] = true;
                if (result == ResultCode.CONFLICT)
                {
                    LOG.warn("{} differs from what the cluster holds; the cluster's definition stays",
                        commands.describe(step));
                }
                else if (result != ResultCode.OK)
                {
                    final int detail = collector.details[step];
                    throw new IllegalStateException("defining " + commands.describe(step) + " failed: " + result +
                        (detail == Detail.NONE ? "" : " (" + Detail.text(detail) + ")"));
                }
            }
            if (!retry)
            {
                return;
            }
            if (System.currentTimeMillis() > deadline)
            {
                throw new IllegalStateException("the sale could not be installed: some shard had no leader for " +
                    timeoutMs + " ms");
            }
            LOG.info("some shard has no leader yet; installing the sale's remaining steps again");
        }
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
     * Keeps each command's result (written on the engine thread); the installing thread waits on the latch, whose
     * count-down orders those writes before its reads.
     */
    private static final class Collector implements ResultListener
    {
        private final CountDownLatch remaining;
        private final ResultCode[] results;
        private final int[] details;

        Collector(final int expected)
        {
            this.remaining = new CountDownLatch(expected);
            this.results = new ResultCode[expected];
            this.details = new int[expected];
        }

        void onSkipped(final int step)
        {
            results[step] = ResultCode.OK;
            remaining.countDown();
        }

        @Override
        public void onResult(final CommandResult result)
        {
            final int step = (int)result.correlationId();
            results[step] = result.result();
            details[step] = result.detail();
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
