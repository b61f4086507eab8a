package io.flashsale.gateway.ops;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;

/**
 * Turns an HdrHistogram of nanoseconds into a Prometheus classic histogram in seconds at scrape time, so recording
 * stays the allocation-free HdrHistogram record on the hot path. The buckets are fixed (1 µs to 10 s in 1-2.5-5
 * steps, then +Inf) and the same on every node, so {@code histogram_quantile} works over any window of
 * {@code rate(..._bucket)} and across nodes. Counts are cumulative since start; a value is counted in the first bucket
 * whose bound is at least the highest value HdrHistogram treats as equal to it (3 significant digits), and the sum is
 * count times HdrHistogram's mean, exact to those digits. Stateless.
 */
final class LatencyBuckets
{
    /** Upper bounds, seconds. */
    static final double[] BOUNDS_SECONDS = {
        0.000001, 0.0000025, 0.000005, 0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005,
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, Double.POSITIVE_INFINITY};
    private static final long[] BOUNDS_NANOS = new long[BOUNDS_SECONDS.length];
    private static final double NANOS_PER_SECOND = 1e9;

    static
    {
        for (int i = 0; i < BOUNDS_SECONDS.length; i++)
        {
            BOUNDS_NANOS[i] = Double.isInfinite(BOUNDS_SECONDS[i]) ? Long.MAX_VALUE :
                Math.round(BOUNDS_SECONDS[i] * NANOS_PER_SECOND);
        }
    }

    private LatencyBuckets()
    {
    }

    /**
     * @param h      a histogram of nanoseconds (not modified).
     * @param labels the data point's labels.
     * @return its cumulative buckets, count and sum in seconds.
     */
    static HistogramSnapshot.HistogramDataPointSnapshot point(final Histogram h, final Labels labels)
    {
        final long[] counts = new long[BOUNDS_NANOS.length];
        int bucket = 0;
        for (final HistogramIterationValue v : h.recordedValues())
        {
            final long value = v.getValueIteratedTo();
            while (value > BOUNDS_NANOS[bucket])
            {
                bucket++;
            }
            counts[bucket] += v.getCountAtValueIteratedTo();
        }
        final long total = h.getTotalCount();
        return HistogramSnapshot.HistogramDataPointSnapshot.builder()
            .labels(labels)
            .classicHistogramBuckets(ClassicHistogramBuckets.of(BOUNDS_SECONDS, counts))
            .sum(total == 0 ? 0.0 : h.getMean() * total / NANOS_PER_SECOND)
            .build();
    }
}
