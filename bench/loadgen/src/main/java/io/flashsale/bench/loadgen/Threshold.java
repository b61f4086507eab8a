package io.flashsale.bench.loadgen;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;

import picocli.CommandLine;

/**
 * A pass/fail condition on a finished run, k6 style: {@code [SCOPE:]METRIC<LIMIT}. SCOPE is a request kind
 * ({@code buy}, {@code resubmit}, {@code pay}, {@code cancel}, {@code browse}), a phase ({@code presale},
 * {@code spike}, {@code daytime}, {@code evening}, {@code close}), both as {@code KIND@PHASE}, or absent (every
 * answer). METRIC is a percentile ({@code p50}, {@code p99}, {@code p99.9}, any {@code pN}), {@code max} or
 * {@code mean} with a time limit ({@code 10ms}, {@code 250us}, {@code 1.5s}, {@code 800ns}), or {@code errors}, the
 * share of answers that were errors (shed, unavailable, dropped connections, malformed; not sold out or over the
 * limit), with a limit in percent ({@code 1%}). The operator is {@code <} or {@code <=}. Immutable.
 *
 * @param expression the text as given.
 * @param kind       the request kind, or null for all.
 * @param phase      the phase, or null for all.
 * @param percentile the percentile, 100 for max, -1 for mean, NaN for the error share.
 * @param inclusive  true for {@code <=}.
 * @param limit      nanoseconds, or a share in [0, 1] for errors.
 */
public record Threshold(String expression, RequestKind kind, SalePhase phase, double percentile, boolean inclusive,
    double limit)
{
    private static final Pattern SYNTAX = Pattern.compile(
        "^(?:([a-z-]+)(?:@([a-z-]+))?:)?(p\\d+(?:\\.\\d+)?|max|mean|errors)\\s*(<=?)\\s*([0-9]*\\.?[0-9]+)\\s*" +
            "(ns|us|µs|ms|s|%)$");

    /**
     * One threshold's result.
     *
     * @param expression the threshold as given.
     * @param actual     what the run measured, e.g. {@code 3.214 ms} or {@code 0.12 %} ({@code no answers} when none).
     * @param passed     true if it held.
     */
    public record Verdict(String expression, String actual, boolean passed)
    {
    }

    /**
     * @param text e.g. {@code buy:p99<10ms}, {@code spike:p99.9<=50ms}, {@code buy@spike:max<1s}, {@code errors<1%}.
     * @return the threshold.
     * @throws IllegalArgumentException with a readable reason when the text does not parse.
     */
    public static Threshold parse(final String text)
    {
        final String s = text.strip().toLowerCase(Locale.ROOT);
        final Matcher m = SYNTAX.matcher(s);
        if (!m.matches())
        {
            throw new IllegalArgumentException("'" + text + "' is not a threshold: write [SCOPE:]METRIC<LIMIT, e.g. " +
                "'buy:p99<10ms', 'spike:p99.9<50ms', 'buy@spike:max<1s', 'errors<1%'");
        }
        RequestKind kind = null;
        SalePhase phase = null;
        if (m.group(1) != null)
        {
            kind = RequestKind.ofTag(m.group(1));
            phase = kind == null ? SalePhase.ofKey(m.group(1)) : null;
            if (kind == null && phase == null)
            {
                throw new IllegalArgumentException("'" + text + "': unknown scope '" + m.group(1) + "' (request " +
                    "kinds: buy, resubmit, pay, cancel, browse; phases: presale, spike, daytime, evening, close)");
            }
            if (m.group(2) != null)
            {
                phase = SalePhase.ofKey(m.group(2));
                if (kind == null || phase == null)
                {
                    throw new IllegalArgumentException("'" + text + "': write KIND@PHASE, e.g. buy@spike");
                }
            }
        }
        final String metric = m.group(3);
        final String unit = m.group(6);
        final double number = Double.parseDouble(m.group(5));
        final boolean errors = "errors".equals(metric);
        if (errors != "%".equals(unit))
        {
            throw new IllegalArgumentException("'" + text + "': errors take a percentage (errors<1%), latencies a " +
                "time (p99<10ms)");
        }
        final double percentile = errors ? Double.NaN : "max".equals(metric) ? 100.0 : "mean".equals(metric) ? -1 :
            Double.parseDouble(metric.substring(1));
        if (!errors && !(percentile == -1 || percentile > 0 && percentile <= 100))
        {
            throw new IllegalArgumentException("'" + text + "': a percentile lies in (0, 100]");
        }
        return new Threshold(text.strip(), kind, phase, percentile, "<=".equals(m.group(4)),
            errors ? number / 100.0 : number * nanosPer(unit));
    }

    private static double nanosPer(final String unit)
    {
        switch (unit)
        {
            case "ns":
                return 1;
            case "us":
            case "µs":
                return 1e3;
            case "ms":
                return 1e6;
            default:
                return 1e9;
        }
    }

    /**
     * @param run a finished run.
     * @return whether this threshold held on it; a scope without answers fails (nothing was measured).
     */
    public Verdict evaluate(final RunResult run)
    {
        final Histogram h = run.histogram(kind, phase, null);
        if (h.getTotalCount() == 0)
        {
            return new Verdict(expression, "no answers", false);
        }
        final double actual;
        final String shown;
        if (Double.isNaN(percentile))
        {
            actual = (double)run.errors(kind, phase) / h.getTotalCount();
            shown = String.format(Locale.ROOT, "%.3f %% of %,d answers", actual * 100, h.getTotalCount());
        }
        else
        {
            actual = percentile < 0 ? h.getMean() : percentile >= 100 ? h.getMaxValue() :
                h.getValueAtPercentile(percentile);
            shown = String.format(Locale.ROOT, "%.3f ms", actual / 1e6);
        }
        return new Verdict(expression, shown, inclusive ? actual <= limit : actual < limit);
    }

    /**
     * Parses {@code --threshold} values at option-parsing time (a bad one is a usage error, exit 2).
     */
    public static final class Converter implements CommandLine.ITypeConverter<Threshold>
    {
        @Override
        public Threshold convert(final String value)
        {
            try
            {
                return parse(value);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CommandLine.TypeConversionException(ex.getMessage());
            }
        }
    }
}
