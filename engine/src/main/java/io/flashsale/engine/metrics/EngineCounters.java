package io.flashsale.engine.metrics;

import org.agrona.BufferUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import io.flashsale.engine.command.ResultCode;

/**
 * The engine's counter registry: {@link EngineCounter}s plus one counter per {@link ResultCode}, with stable ids.
 * <p>
 * Each counter has two cache lines of its own in an aligned direct buffer (the layout of Agrona's counters), so the
 * business thread's counters and the ones publishing threads share never falsely share a line. Counters written only
 * by the business thread use release stores of single-writer additions; {@link #incrementShared} is an atomic add for
 * the ones producers share. Any thread may read (acquire loads).
 */
public final class EngineCounters
{
    /** Bytes between two counters: two 64-byte cache lines (the adjacent-line prefetcher pairs them). */
    static final int COUNTER_STRIDE = 128;
    private static final int RESULT_BASE = EngineCounter.values().length;

    private final AtomicBuffer values = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
        (RESULT_BASE + ResultCode.values().length) * COUNTER_STRIDE, COUNTER_STRIDE));

    /**
     * Add to a counter owned by the business thread.
     *
     * @param counter which.
     * @param delta   amount.
     */
    public void add(final EngineCounter counter, final long delta)
    {
        final int offset = counter.id() * COUNTER_STRIDE;
        values.putLongRelease(offset, values.getLong(offset) + delta);
    }

    /**
     * Increment a counter that several threads write.
     *
     * @param counter which.
     */
    public void incrementShared(final EngineCounter counter)
    {
        values.getAndAddLong(counter.id() * COUNTER_STRIDE, 1);
    }

    /**
     * Count one result (business thread only).
     *
     * @param code the outcome.
     */
    public void result(final ResultCode code)
    {
        final int offset = (RESULT_BASE + code.ordinal()) * COUNTER_STRIDE;
        values.putLongRelease(offset, values.getLong(offset) + 1);
    }

    /**
     * @param counter which.
     * @return current value.
     */
    public long get(final EngineCounter counter)
    {
        return values.getLongAcquire(counter.id() * COUNTER_STRIDE);
    }

    /**
     * @param code an outcome.
     * @return results with that outcome so far (OVERLOADED is counted by {@link EngineCounter#RING_FULL_REJECTIONS}).
     */
    public long results(final ResultCode code)
    {
        return values.getLongAcquire((RESULT_BASE + code.ordinal()) * COUNTER_STRIDE);
    }
}
