package io.flashsale.gateway.ops;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.HdrHistogram.Histogram;

/**
 * Renders one stage's latency since start as HdrHistogram's percentile distribution in microseconds, exactly as
 * {@link Histogram#outputPercentileDistribution} writes it (no other lines), so HdrHistogram's {@code plotFiles.html}
 * loads a saved {@code /histogram?stage=X} as it is. Thread-safe (stateless).
 */
public final class HistogramRenderer
{
    private static final double NANOS_PER_MICRO = 1000.0;

    private HistogramRenderer()
    {
    }

    /**
     * @param query a request's query string (may be null): {@code stage=NAME}, default {@code http_total}.
     * @return the stage it names, or null if it names none.
     */
    public static LatencyStage stage(final String query)
    {
        String name = LatencyStage.HTTP_TOTAL.label();
        if (query != null)
        {
            for (final String pair : query.split("&"))
            {
                if (pair.startsWith("stage="))
                {
                    name = pair.substring("stage=".length());
                }
            }
        }
        for (final LatencyStage stage : LatencyStage.values())
        {
            if (stage.label().equals(name))
            {
                return stage;
            }
        }
        return null;
    }

    /**
     * @return the stage names a query may give, for an error message.
     */
    public static String stageNames()
    {
        final StringBuilder names = new StringBuilder();
        for (final LatencyStage stage : LatencyStage.values())
        {
            names.append(names.length() == 0 ? "" : ", ").append(stage.label());
        }
        return names.toString();
    }

    /**
     * @param h a histogram of nanoseconds (not modified).
     * @return its percentile distribution in microseconds, plain text.
     */
    public static String render(final Histogram h)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
        try (PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8))
        {
            h.outputPercentileDistribution(out, 5, NANOS_PER_MICRO);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
