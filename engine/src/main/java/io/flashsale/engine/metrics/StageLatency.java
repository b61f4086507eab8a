package io.flashsale.engine.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Latency recorders of the engine's stages, in nanoseconds. Recording is allocation-free and wait-free for the
 * business thread (their single writer); one reader samples interval histograms with {@link #sample}.
 */
public final class StageLatency
{
    /** Stages measured inside the engine. */
    public enum Stage
    {
        /** From publication to the business thread picking the command up. */
        RING_WAIT,
        /** Deciding and applying one command (journal encoding included). */
        BUSINESS,
        /** Committing one batch's excerpt to the queue (and syncing it if configured). */
        JOURNAL
    }

    /** Largest value tracked: one minute. */
    public static final long HIGHEST_TRACKABLE_NANOS = 60_000_000_000L;
    private static final int SIGNIFICANT_DIGITS = 3;

    private final SingleWriterRecorder[] recorders = new SingleWriterRecorder[Stage.values().length];

    /**
     * Create the recorders.
     */
    public StageLatency()
    {
        for (int i = 0; i < recorders.length; i++)
        {
            recorders[i] = new SingleWriterRecorder(HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
        }
    }

    /**
     * Record one value (business thread only); values above the trackable range are clamped.
     *
     * @param stage which stage.
     * @param nanos duration.
     */
    public void record(final Stage stage, final long nanos)
    {
        recorders[stage.ordinal()].recordValue(Math.min(Math.max(nanos, 0), HIGHEST_TRACKABLE_NANOS));
    }

    /**
     * Take the histogram of the values recorded since the previous sample of this stage (one reader thread only).
     *
     * @param stage   which stage.
     * @param recycle a histogram returned by an earlier call, to reuse; or null.
     * @return the interval histogram.
     */
    public Histogram sample(final Stage stage, final Histogram recycle)
    {
        return recorders[stage.ordinal()].getIntervalHistogram(recycle);
    }
}
