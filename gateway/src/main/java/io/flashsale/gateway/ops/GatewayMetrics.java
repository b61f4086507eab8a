package io.flashsale.gateway.ops;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import io.flashsale.gateway.codec.ApiCode;

/**
 * The gateway's own counters and its HTTP latency recorder. Written by every event loop (wait-free, allocation-free
 * once warm); read by the ops sampler and the metrics endpoint.
 * <p>
 * Responses are counted per {@link TrafficClass} and outcome; only buyers' responses are recorded in the HTTP latency
 * histogram, so the ops endpoints, the board's own polls and a generator's tagged warm-up never show in buyer figures.
 */
public final class GatewayMetrics
{
    /** Largest HTTP latency tracked: one minute in nanoseconds. */
    public static final long HIGHEST_TRACKABLE_NANOS = 60_000_000_000L;

    private final LongAdder[][] responses = new LongAdder[TrafficClass.COUNT][ApiCode.values().length];
    private final Recorder httpLatency = new Recorder(HIGHEST_TRACKABLE_NANOS, 3);
    private final AtomicInteger openConnections = new AtomicInteger();
    private final LongAdder refusedConnections = new LongAdder();
    private final LongAdder timedOutConnections = new LongAdder();
    private final LongAdder extraReplySlots = new LongAdder();

    /**
     * Create the counters.
     */
    public GatewayMetrics()
    {
        for (final LongAdder[] byCode : responses)
        {
            for (int i = 0; i < byCode.length; i++)
            {
                byCode[i] = new LongAdder();
            }
        }
    }

    /**
     * Count one response and, for a buyer's, record its latency (event loops).
     *
     * @param code         its outcome.
     * @param trafficClass whose request it answered ({@link TrafficClass}).
     * @param startNanos   {@link System#nanoTime()} when its request arrived.
     * @param nowNanos     now.
     */
    public void response(final ApiCode code, final int trafficClass, final long startNanos, final long nowNanos)
    {
        responses[trafficClass][code.ordinal()].increment();
        if (trafficClass == TrafficClass.BUYER)
        {
            httpLatency.recordValue(Math.min(Math.max(nowNanos - startNanos, 0), HIGHEST_TRACKABLE_NANOS));
        }
    }

    /**
     * @param code an outcome.
     * @return buyers' responses with it so far.
     */
    public long responses(final ApiCode code)
    {
        return responses[TrafficClass.BUYER][code.ordinal()].sum();
    }

    /**
     * @param trafficClass a {@link TrafficClass}.
     * @param code         an outcome.
     * @return that class's responses with it so far.
     */
    public long responses(final int trafficClass, final ApiCode code)
    {
        return responses[trafficClass][code.ordinal()].sum();
    }

    /**
     * Take the HTTP latency histogram since the previous call (the ops sampler only).
     *
     * @param recycle a histogram from an earlier call, or null.
     * @return the interval histogram, nanoseconds.
     */
    public Histogram sampleHttpLatency(final Histogram recycle)
    {
        return httpLatency.getIntervalHistogram(recycle);
    }

    /**
     * @return the open-connections gauge (the connection limiter owns increments).
     */
    public AtomicInteger openConnections()
    {
        return openConnections;
    }

    /**
     * Count a connection refused over the limit.
     */
    public void connectionRefused()
    {
        refusedConnections.increment();
    }

    /**
     * @return connections refused over the limit.
     */
    public long refusedConnections()
    {
        return refusedConnections.sum();
    }

    /**
     * Count a connection closed by the idle or read timeout.
     */
    public void connectionTimedOut()
    {
        timedOutConnections.increment();
    }

    /**
     * @return connections closed by a timeout.
     */
    public long timedOutConnections()
    {
        return timedOutConnections.sum();
    }

    /**
     * Count a reply slot allocated because the preallocated pool was empty.
     */
    public void extraReplySlot()
    {
        extraReplySlots.increment();
    }

    /**
     * @return reply slots allocated beyond the pool.
     */
    public long extraReplySlots()
    {
        return extraReplySlots.sum();
    }
}
