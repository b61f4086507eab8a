package io.flashsale.gateway.ops;

import org.HdrHistogram.Histogram;

/**
 * The JSON the dashboard page polls: per-second history (throughput, HTTP latency percentiles) and the percentile
 * curves of every stage, last interval and since start, in microseconds. Thread-safe (stateless).
 */
public final class DashboardData
{
    private static final double[] PERCENTILES = {0, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999, 100};
    private static final double NANOS_PER_MICRO = 1000.0;

    private DashboardData()
    {
    }

    /**
     * @param snapshot the ops sampler's latest snapshot.
     * @return JSON text.
     */
    public static String render(final OpsSnapshot snapshot)
    {
        final StringBuilder out = new StringBuilder(16 * 1024);
        out.append("{\"takenAt\":").append(snapshot.takenAtMillis()).append(",\"points\":[");
        final OpsSnapshot.Point[] points = snapshot.history();
        for (int i = 0; i < points.length; i++)
        {
            final OpsSnapshot.Point p = points[i];
            if (i > 0)
            {
                out.append(',');
            }
            out.append("{\"t\":").append(p.atMillis());
            number(out.append(",\"rps\":"), p.requestsPerSecond());
            number(out.append(",\"ops\":"), p.ordersPerSecond());
            number(out.append(",\"p50\":"), p.p50Micros());
            number(out.append(",\"p99\":"), p.p99Micros());
            number(out.append(",\"p999\":"), p.p999Micros());
            number(out.append(",\"max\":"), p.maxMicros());
            out.append('}');
        }
        out.append("],\"curves\":{");
        final LatencyStage[] stages = LatencyStage.values();
        for (int s = 0; s < stages.length; s++)
        {
            if (s > 0)
            {
                out.append(',');
            }
            out.append('"').append(stages[s].label()).append("\":{\"interval\":");
            curve(out, snapshot.interval(stages[s]));
            out.append(",\"total\":");
            curve(out, snapshot.total(stages[s]));
            out.append('}');
        }
        out.append("}}");
        return out.toString();
    }

    private static void curve(final StringBuilder out, final Histogram h)
    {
        out.append('[');
        if (h.getTotalCount() > 0)
        {
            for (int i = 0; i < PERCENTILES.length; i++)
            {
                if (i > 0)
                {
                    out.append(',');
                }
                final double p = PERCENTILES[i];
                final long nanos = p >= 100 ? h.getMaxValue() : h.getValueAtPercentile(p);
                out.append('[').append(p).append(',');
                number(out, nanos / NANOS_PER_MICRO);
                out.append(']');
            }
        }
        out.append(']');
    }

    private static void number(final StringBuilder out, final double value)
    {
        if (Double.isFinite(value))
        {
            out.append(Math.round(value * 1000.0) / 1000.0);
        }
        else
        {
            out.append(0);
        }
    }
}
