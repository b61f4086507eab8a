package io.flashsale.engine.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

import io.flashsale.engine.command.CommandResult;
import io.flashsale.engine.command.SaleLimits;
import io.flashsale.engine.pipeline.CommandPublisher;
import io.flashsale.engine.pipeline.Engine;
import io.flashsale.engine.pipeline.EngineConfig;
import io.flashsale.engine.pipeline.ResultSink;

/**
 * Runs an engine and offers blocking request/response calls for tests: each call publishes (retrying while the ring
 * is full) and waits for its result.
 */
public final class EngineClient implements ResultSink, AutoCloseable
{
    private final ConcurrentHashMap<Long, CompletableFuture<Result>> pending = new ConcurrentHashMap<>();
    private final AtomicLong correlations = new AtomicLong();
    private final Engine engine;

    /**
     * @param config engine settings.
     */
    public EngineClient(final EngineConfig config)
    {
        engine = Engine.start(config, this);
    }

    /**
     * @return the engine.
     */
    public Engine engine()
    {
        return engine;
    }

    @Override
    public void onResult(final CommandResult result)
    {
        final CompletableFuture<Result> future = pending.remove(result.correlationId());
        if (future != null)
        {
            future.complete(Result.copyOf(result));
        }
    }

    /**
     * Publish one command and wait for its result.
     *
     * @param publish publishes with the given correlation id; returns false when the ring is full.
     * @return the result.
     */
    public Result call(final LongPredicate publish)
    {
        final long correlation = correlations.incrementAndGet();
        final CompletableFuture<Result> future = new CompletableFuture<>();
        pending.put(correlation, future);
        while (!publish.test(correlation))
        {
            Thread.onSpinWait();
        }
        try
        {
            return future.get(30, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            throw new AssertionError("no result for command " + correlation, ex);
        }
    }

    /**
     * @param saleId  sale.
     * @param openAt  opening.
     * @param closeAt closing.
     * @param window  payment window, ms.
     * @return result.
     */
    public Result defineSale(final long saleId, final long openAt, final long closeAt, final long window)
    {
        return call(c -> p().defineSale(null, c, saleId, openAt, closeAt, window));
    }

    /**
     * @param saleId sale.
     * @param skuId  SKU.
     * @param price  price.
     * @param stock  stock.
     * @param limit  per-user limit.
     * @return result.
     */
    public Result addSku(final long saleId, final long skuId, final long price, final int stock, final int limit)
    {
        return call(c -> p().addSku(null, c, saleId, skuId, 7, price, stock, limit,
            SaleLimits.defaultMaxOrdersPerBuyer(limit)));
    }

    /**
     * @param user      buyer.
     * @param sku       SKU.
     * @param qty       units.
     * @param requestId request id.
     * @return result.
     */
    public Result buy(final long user, final long sku, final int qty, final String requestId)
    {
        return call(c -> p().buy(null, c, user, sku, qty, requestId));
    }

    /**
     * @param orderId order.
     * @param user    caller.
     * @return result.
     */
    public Result pay(final long orderId, final long user)
    {
        return call(c -> p().pay(null, c, orderId, user));
    }

    /**
     * @param orderId order.
     * @param user    caller.
     * @return result.
     */
    public Result cancel(final long orderId, final long user)
    {
        return call(c -> p().cancel(null, c, orderId, user));
    }

    /**
     * @return result of a TICK at the engine clock's time.
     */
    public Result tick()
    {
        return call(c -> p().tick(null, c));
    }

    /**
     * @param orderId order.
     * @return result.
     */
    public Result order(final long orderId)
    {
        return call(c -> p().queryOrder(null, c, orderId));
    }

    /**
     * @param skuId SKU.
     * @return result.
     */
    public Result sku(final long skuId)
    {
        return call(c -> p().querySku(null, c, skuId));
    }

    private CommandPublisher p()
    {
        return engine.publisher();
    }

    @Override
    public void close()
    {
        engine.close();
    }
}
