package io.flashsale.engine.metrics;

import java.util.concurrent.atomic.AtomicLongArray;

import io.flashsale.engine.command.ResultCode;

/**
 * The engine's counter registry: {@link EngineCounter}s plus one counter per {@link ResultCode}. Counters written
 * only by the business thread use ordered single-writer stores; {@link #incrementShared} is for the ones producers
 * share. Any thread may read.
 */
public final class EngineCounters
{
    private static final int RESULT_BASE = EngineCounter.values().length;

    private final AtomicLongArray values = new AtomicLongArray(RESULT_BASE + ResultCode.values().length);

    /**
     * Add to a counter owned by the business thread.
     *
     * @param counter which.
     * @param delta   amount.
     */
    public void add(final EngineCounter counter, final long delta)
    {
        final int i = counter.id();
        values.lazySet(i, values.get(i) + delta);
    }

    /**
     * Increment a counter that several threads write.
     *
     * @param counter which.
     */
    public void incrementShared(final EngineCounter counter)
    {
        values.incrementAndGet(counter.id());
    }

    /**
     * Count one result (business thread only).
     *
     * @param code the outcome.
     */
    public void result(final ResultCode code)
    {
        final int i = RESULT_BASE + code.ordinal();
        values.lazySet(i, values.get(i) + 1);
    }

    /**
     * @param counter which.
     * @return current value.
     */
    public long get(final EngineCounter counter)
    {
        return values.get(counter.id());
    }

    /**
     * @param code an outcome.
     * @return results with that outcome so far (OVERLOADED is counted by {@link EngineCounter#RING_FULL_REJECTIONS}).
     */
    public long results(final ResultCode code)
    {
        return values.get(RESULT_BASE + code.ordinal());
    }
}
