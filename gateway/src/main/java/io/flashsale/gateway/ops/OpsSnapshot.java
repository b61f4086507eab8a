package io.flashsale.gateway.ops;

import org.HdrHistogram.Histogram;

/**
 * What the ops sampler saw at its latest tick: per stage the last interval's histogram and the accumulation since
 * start (nanoseconds), the recent per-second history for the board, the sale's figures and the node's status.
 * Immutable once published; the histograms must not be modified by readers. Any thread.
 *
 * @param takenAtMillis   end of the last interval, epoch ms.
 * @param intervalSeconds length of the last interval.
 * @param intervals       per {@link LatencyStage} ordinal: the last interval.
 * @param sinceStart      per {@link LatencyStage} ordinal: everything since start.
 * @param history         the recent per-second points, oldest first.
 * @param sale            the sale's figures from the catalogue.
 * @param status          whether the engine acknowledges, and the journal's disk.
 */
public record OpsSnapshot(
    long takenAtMillis,
    double intervalSeconds,
    Histogram[] intervals,
    Histogram[] sinceStart,
    Point[] history,
    SaleFigures sale,
    NodeStatus status)
{
    /**
     * One interval (a second) of the sale as the board plots it; buyers' traffic only.
     *
     * @param atMillis          end of the interval, epoch ms.
     * @param requestsPerSecond buyers' responses per second.
     * @param outcomesPerSecond buyers' responses per second per {@link BoardOutcome} ordinal.
     * @param p50Micros         HTTP latency median, µs.
     * @param p99Micros         HTTP latency 99th percentile, µs.
     * @param p999Micros        HTTP latency 99.9th percentile, µs.
     * @param maxMicros         HTTP latency maximum, µs.
     * @param journalP99Micros  journal commit 99th percentile, µs.
     * @param ringOccupancy     ring slots in use when sampled.
     * @param gmvReservedMinor  GMV held by unpaid orders, minor units.
     * @param gmvPaidMinor      GMV paid, minor units.
     */
    public record Point(
        long atMillis,
        double requestsPerSecond,
        double[] outcomesPerSecond,
        double p50Micros,
        double p99Micros,
        double p999Micros,
        double maxMicros,
        double journalP99Micros,
        long ringOccupancy,
        long gmvReservedMinor,
        long gmvPaidMinor)
    {
        /**
         * @return new orders per second.
         */
        public double ordersPerSecond()
        {
            return outcomesPerSecond[BoardOutcome.RESERVED.ordinal()];
        }
    }

    /**
     * Whether the node acknowledges orders, as the sampler judged at its tick.
     *
     * @param state          {@code ACKNOWLEDGING}, {@code FAILED} (the engine stopped after a journal or internal
     *                       failure), {@code STALLED} (commands wait in the ring and none was processed for two
     *                       seconds or more) or {@code NOT_ACKNOWLEDGING} (most buyers' responses of the last interval
     *                       were UNAVAILABLE).
     * @param reason         a sentence for the board, empty when acknowledging.
     * @param stalledSeconds how long commands have waited with none processed (0 when progressing or idle).
     * @param diskFreeBytes  usable bytes on the journal's file system.
     * @param diskTotalBytes size of the journal's file system.
     */
    public record NodeStatus(String state, String reason, double stalledSeconds, long diskFreeBytes,
        long diskTotalBytes)
    {
        /**
         * @return true unless the board should show the node red.
         */
        public boolean acknowledging()
        {
            return "ACKNOWLEDGING".equals(state);
        }
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
