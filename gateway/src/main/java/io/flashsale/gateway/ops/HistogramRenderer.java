package io.flashsale.gateway.ops;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.HdrHistogram.Histogram;

/**
 * Renders HdrHistogram percentile distributions (values in microseconds) of every stage: the last interval and the
 * accumulation since start. Thread-safe (stateless).
 */
public final class HistogramRenderer
{
    private static final double NANOS_PER_MICRO = 1000.0;

    private HistogramRenderer()
    {
    }

    /**
     * @param snapshot the ops sampler's latest snapshot.
     * @return plain text.
     */
    public static String render(final OpsSnapshot snapshot)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 * 1024);
        try (PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8))
        {
            for (final LatencyStage stage : LatencyStage.values())
            {
                section(out, stage, "last interval", snapshot.interval(stage));
                section(out, stage, "since start", snapshot.total(stage));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void section(final PrintStream out, final LatencyStage stage, final String span, final Histogram h)
    {
        out.println("# " + stage.label() + " latency, " + span + ", microseconds (" + h.getTotalCount() + " values)");
        if (h.getTotalCount() > 0)
        {
            h.outputPercentileDistribution(out, 5, NANOS_PER_MICRO);
        }
        out.println();
    }
}
