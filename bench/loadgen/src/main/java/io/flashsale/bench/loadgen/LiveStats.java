package io.flashsale.bench.loadgen;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import io.flashsale.client.Outcome;

/**
 * What the progress line and the interval log read while the run is live: interval recorders (all requests and one
 * per request kind, nanoseconds) and counters (answers per outcome, errors, sends, SKUs sold out). Written by every
 * worker's event loop, read by the progress reporter; all members are safe for that (HdrHistogram {@link Recorder}
 * phasers, {@link LongAdder}, atomic arrays).
 */
public final class LiveStats
{
    /** Highest latency tracked, in nanoseconds (10 minutes); larger values are clamped. */
    public static final long HIGHEST_NANOS = 600_000_000_000L;
    /** Significant digits kept by every latency histogram. */
    public static final int DIGITS = 3;

    private final Recorder all = new Recorder(HIGHEST_NANOS, DIGITS);
    private final Recorder[] byKind = new Recorder[RequestKind.values().length];
    private final LongAdder[] byOutcome = new LongAdder[Outcome.count()];
    private final LongAdder responses = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final AtomicIntegerArray soldOut;

    /**
     * @param skuCount number of SKUs tracked for the sold-out count.
     */
    public LiveStats(final int skuCount)
    {
        for (int i = 0; i < byKind.length; i++)
        {
            byKind[i] = new Recorder(HIGHEST_NANOS, DIGITS);
        }
        for (int i = 0; i < byOutcome.length; i++)
        {
            byOutcome[i] = new LongAdder();
        }
        soldOut = new AtomicIntegerArray(skuCount);
    }

    /**
     * @return an empty latency histogram of the range and precision every report uses (nanoseconds).
     */
    public static Histogram histogram()
    {
        return new Histogram(HIGHEST_NANOS, DIGITS);
    }

    static long clamp(final long latencyNanos)
    {
        return Math.min(HIGHEST_NANOS, Math.max(1, latencyNanos));
    }

    void onSent()
    {
        sent.increment();
    }

    void onResponse(final RequestKind kind, final Outcome outcome, final long latencyNanos)
    {
        final long value = clamp(latencyNanos);
        all.recordValue(value);
        byKind[kind.ordinal()].recordValue(value);
        byOutcome[outcome.ordinal()].increment();
        responses.increment();
        if (outcome.error())
        {
            errors.increment();
        }
    }

    void soldOut(final int skuIndex, final boolean isSoldOut)
    {
        if ((soldOut.get(skuIndex) == 1) != isSoldOut)
        {
            soldOut.lazySet(skuIndex, isSoldOut ? 1 : 0);
        }
    }

    /**
     * @return the recorder of all requests.
     */
    public Recorder all()
    {
        return all;
    }

    /**
     * @param kind a request kind.
     * @return its recorder.
     */
    public Recorder byKind(final RequestKind kind)
    {
        return byKind[kind.ordinal()];
    }

    /**
     * @param outcome an outcome.
     * @return answers with that outcome so far.
     */
    public long answers(final Outcome outcome)
    {
        return byOutcome[outcome.ordinal()].sum();
    }

    /**
     * @return answers received so far.
     */
    public long responses()
    {
        return responses.sum();
    }

    /**
     * @return error answers ({@link Outcome#error()}) and connection errors so far.
     */
    public long errors()
    {
        return errors.sum();
    }

    /**
     * @return requests written so far (arrivals and follow-ups).
     */
    public long sent()
    {
        return sent.sum();
    }

    /**
     * @param skuIndex a SKU's popularity rank.
     * @return true if the latest buy answer for it was SOLD_OUT.
     */
    public boolean isSoldOut(final int skuIndex)
    {
        return soldOut.get(skuIndex) == 1;
    }

    /**
     * @return SKUs whose latest buy answer was SOLD_OUT.
     */
    public int soldOutCount()
    {
        int n = 0;
        for (int i = 0; i < soldOut.length(); i++)
        {
            n += soldOut.get(i);
        }
        return n;
    }
}
