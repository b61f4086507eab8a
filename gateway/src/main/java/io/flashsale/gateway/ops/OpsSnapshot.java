package io.flashsale.gateway.ops;

import org.HdrHistogram.Histogram;

/**
 * What the ops sampler saw at its latest tick: per stage the last interval's histogram and the accumulation since
 * start (nanoseconds), plus the recent per-second history for the dashboard. Immutable once published; the
 * histograms must not be modified by readers. Any thread.
 *
 * @param takenAtMillis   end of the last interval, epoch ms.
 * @param intervalSeconds length of the last interval.
 * @param intervals       per {@link LatencyStage} ordinal: the last interval.
 * @param sinceStart      per {@link LatencyStage} ordinal: everything since start.
 * @param history         the recent per-second points, oldest first.
 */
public record OpsSnapshot(
    long takenAtMillis,
    double intervalSeconds,
    Histogram[] intervals,
    Histogram[] sinceStart,
    Point[] history)
{
    /**
     * One second of the sale as the dashboard plots it.
     *
     * @param atMillis          end of the interval, epoch ms.
     * @param requestsPerSecond HTTP responses per second.
     * @param ordersPerSecond   new orders (RESERVED) per second.
     * @param p50Micros         HTTP latency median, µs.
     * @param p99Micros         HTTP latency 99th percentile, µs.
     * @param p999Micros        HTTP latency 99.9th percentile, µs.
     * @param maxMicros         HTTP latency maximum, µs.
     */
    public record Point(
        long atMillis,
        double requestsPerSecond,
        double ordersPerSecond,
        double p50Micros,
        double p99Micros,
        double p999Micros,
        double maxMicros)
    {
    }

    /**
     * @param stage a stage.
     * @return its last interval histogram.
     */
    public Histogram interval(final LatencyStage stage)
    {
        return intervals[stage.ordinal()];
    }

    /**
     * @param stage a stage.
     * @return its histogram since start.
     */
    public Histogram total(final LatencyStage stage)
    {
        return sinceStart[stage.ordinal()];
    }
}
