package io.flashsale.bench.jmh;

import io.flashsale.engine.command.ResultCode;

/**
 * Totals of BUY outcomes over a whole benchmark trial, and the check that the trial measured orders, not rejections.
 * Single-threaded.
 */
final class BuyOutcomes
{
    /** Largest share of LIMIT_EXCEEDED tolerated (a buyer drawn again for the same SKU is possible, just rare). */
    static final double MAX_LIMIT_EXCEEDED_SHARE = 0.001;

    private final long[] counts = new long[ResultCode.values().length];

    /**
     * @param code  an outcome.
     * @param count how many BUYs had it.
     */
    void add(final ResultCode code, final long count)
    {
        counts[code.ordinal()] += count;
    }

    /**
     * @param sink a sink whose engine was closed.
     */
    void addAll(final CountingSink sink)
    {
        for (final ResultCode code : ResultCode.values())
        {
            add(code, sink.buys(code));
        }
    }

    /**
     * @param perCode counts indexed by {@link ResultCode#ordinal()}.
     */
    void addAll(final long[] perCode)
    {
        for (int i = 0; i < perCode.length; i++)
        {
            counts[i] += perCode[i];
        }
    }

    /**
     * @return all BUYs counted.
     */
    long total()
    {
        long total = 0;
        for (final long count : counts)
        {
            total += count;
        }
        return total;
    }

    /**
     * @param code an outcome.
     * @return BUYs with it.
     */
    long count(final ResultCode code)
    {
        return counts[code.ordinal()];
    }

    /**
     * @return the non-zero outcomes, e.g. {@code RESERVED=123 LIMIT_EXCEEDED=1}.
     */
    String describe()
    {
        final StringBuilder text = new StringBuilder();
        for (final ResultCode code : ResultCode.values())
        {
            if (counts[code.ordinal()] != 0)
            {
                text.append(text.length() == 0 ? "" : " ").append(code).append('=').append(counts[code.ordinal()]);
            }
        }
        return text.length() == 0 ? "none" : text.toString();
    }

    /**
     * Fail loudly unless (nearly) every BUY reserved stock: a benchmark that measured rejections measured the wrong
     * path.
     *
     * @param benchmark name for the message.
     * @throws IllegalStateException if any BUY was rejected for another reason than the per-user limit, or more than
     *                               {@link #MAX_LIMIT_EXCEEDED_SHARE} of them hit the limit, or none was counted.
     */
    void requireReserved(final String benchmark)
    {
        final long total = total();
        final long reserved = count(ResultCode.RESERVED);
        final long limited = count(ResultCode.LIMIT_EXCEEDED);
        if (total == 0 || reserved + limited != total || limited > total * MAX_LIMIT_EXCEEDED_SHARE)
        {
            throw new IllegalStateException(benchmark + " measured rejections, not orders: " + describe());
        }
    }
}
