package io.flashsale.bench.loadgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The shape of a sale day: relative request rate (0..1, the peak is 1) against the sale-clock hour, linearly
 * interpolated between points. Immutable and thread-safe.
 * <p>
 * The built-in curve follows the reported shape of Singles' Day: a quiet pre-sale hour of page refreshes, the 00:00
 * spike (a multiple of the daytime baseline) decaying exponentially over the first hour, a night lull, the daytime
 * baseline, an evening peak and a last-call bump before the close at 24:00.
 */
public final class SaleProfile
{
    private final double[] hours;
    private final double[] rates;
    private final String description;

    private SaleProfile(final double[] hours, final double[] rates, final String description)
    {
        if (hours.length < 2)
        {
            throw new IllegalArgumentException("a profile needs at least two points");
        }
        double max = 0;
        for (int i = 0; i < hours.length; i++)
        {
            if (i > 0 && hours[i] <= hours[i - 1])
            {
                throw new IllegalArgumentException(
                    "profile hours must increase: " + hours[i - 1] + " then " + hours[i]);
            }
            if (rates[i] < 0 || Double.isNaN(rates[i]) || Double.isInfinite(rates[i]))
            {
                throw new IllegalArgumentException("profile rates must be finite and >= 0, got " + rates[i]);
            }
            max = Math.max(max, rates[i]);
        }
        if (max <= 0)
        {
            throw new IllegalArgumentException("a profile needs at least one positive rate");
        }
        this.hours = hours.clone();
        this.rates = new double[rates.length];
        for (int i = 0; i < rates.length; i++)
        {
            this.rates[i] = rates[i] / max;
        }
        this.description = description;
    }

    /**
     * The built-in Singles' Day curve, from 23:00 on 10 November to 24:00 on 11 November.
     *
     * @param spikeMultiple   the 00:00 peak as a multiple of the daytime baseline (>= 1).
     * @param eveningMultiple the evening peak as a multiple of the baseline (>= 1, at most the spike).
     * @param decayHours      time constant of the spike's exponential decay, in sale hours.
     * @return the profile, normalised so the spike is 1.
     */
    public static SaleProfile builtIn(final double spikeMultiple, final double eveningMultiple, final double decayHours)
    {
        if (spikeMultiple < 1 || eveningMultiple < 1 || decayHours <= 0)
        {
            throw new IllegalArgumentException("spike and evening multiples must be >= 1 and decay > 0");
        }
        final List<double[]> points = new ArrayList<>();
        points.add(new double[]{-1.0, 0.10});
        points.add(new double[]{-0.25, 0.20});
        points.add(new double[]{-0.02, 0.40});
        final double excess = spikeMultiple - 1.0;
        for (double h = 0.0; h < 1.0 - 1e-9; h += 0.025)
        {
            points.add(new double[]{h, 1.0 + excess * Math.exp(-h / decayHours)});
        }
        points.add(new double[]{1.0, 1.0 + excess * Math.exp(-1.0 / decayHours)});
        points.add(new double[]{3.0, 0.45});
        points.add(new double[]{6.0, 0.30});
        points.add(new double[]{9.0, 0.85});
        points.add(new double[]{12.0, 1.10});
        points.add(new double[]{16.0, 1.00});
        points.add(new double[]{19.0, 1.30});
        points.add(new double[]{20.5, eveningMultiple});
        points.add(new double[]{22.0, eveningMultiple});
        points.add(new double[]{23.0, 1.30});
        points.add(new double[]{23.75, 1.70});
        points.add(new double[]{24.0, 0.0});
        final double[] h = new double[points.size()];
        final double[] r = new double[points.size()];
        for (int i = 0; i < h.length; i++)
        {
            h[i] = points.get(i)[0];
            r[i] = points.get(i)[1];
        }
        return new SaleProfile(h, r, String.format(Locale.ROOT,
            "built-in Singles' Day curve (spike x%.1f baseline, evening x%.1f, decay %.2f h)",
            spikeMultiple, eveningMultiple, decayHours));
    }

    /**
     * @param hours sale-clock hours, strictly increasing.
     * @param rates relative rates (any positive scale; normalised so the maximum is 1).
     * @return the profile.
     */
    public static SaleProfile of(final double[] hours, final double[] rates)
    {
        if (hours.length != rates.length)
        {
            throw new IllegalArgumentException("hours and rates differ in length");
        }
        return of(hours, rates, "custom curve");
    }

    /**
     * @param hours       sale-clock hours, strictly increasing.
     * @param rates       relative rates (normalised so the maximum is 1).
     * @param description one line saying where the curve came from.
     * @return the profile.
     */
    public static SaleProfile of(final double[] hours, final double[] rates, final String description)
    {
        if (hours.length != rates.length)
        {
            throw new IllegalArgumentException("hours and rates differ in length");
        }
        return new SaleProfile(hours, rates, description);
    }

    /**
     * @return the same rate from 00:00 to 24:00 (no pre-sale): the sale clock of a constant-rate run.
     */
    public static SaleProfile flat()
    {
        return new SaleProfile(new double[]{0.0, 24.0}, new double[]{1.0, 1.0}, "flat sale clock 00:00-24:00");
    }

    /**
     * @return the curve's hours (a copy).
     */
    public double[] hours()
    {
        return hours.clone();
    }

    /**
     * @return the curve's relative rates, maximum 1 (a copy).
     */
    public double[] rates()
    {
        return rates.clone();
    }

    /**
     * Read a profile file: CSV lines {@code hour,relativeRate} (a header line and {@code #} comments allowed), or a
     * JSON array of {@code {"hour":h,"relativeRate":r}} objects (or {@code [h, r]} pairs).
     *
     * @param file the file; JSON if its first non-blank character is {@code [} or <code>{</code>.
     * @return the profile.
     * @throws IOException if the file cannot be read.
     */
    public static SaleProfile load(final Path file) throws IOException
    {
        final String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        final SaleProfile parsed = text.startsWith("[") || text.startsWith("{") ? parseJson(text) : parseCsv(text);
        return new SaleProfile(parsed.hours, parsed.rates, "profile file " + file);
    }

    static SaleProfile parseCsv(final String text)
    {
        final List<double[]> points = new ArrayList<>();
        int lineNo = 0;
        for (final String raw : text.split("\\R"))
        {
            lineNo++;
            final String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            final String[] cells = line.split("[,;\\t]");
            if (cells.length < 2)
            {
                throw new IllegalArgumentException("line " + lineNo + ": expected hour,relativeRate");
            }
            try
            {
                points.add(new double[]{Double.parseDouble(cells[0].strip()), Double.parseDouble(cells[1].strip())});
            }
            catch (final NumberFormatException ex)
            {
                if (!points.isEmpty())
                {
                    throw new IllegalArgumentException("line " + lineNo + ": not a number: " + line, ex);
                }
            }
        }
        return fromPoints(points, "csv");
    }

    static SaleProfile parseJson(final String text)
    {
        final JsonNode root;
        try
        {
            root = new ObjectMapper().readTree(text);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("profile is not valid JSON: " + ex.getMessage(), ex);
        }
        final JsonNode array = root.isArray() ? root : root.path("points");
        if (!array.isArray())
        {
            throw new IllegalArgumentException("JSON profile must be an array of points or {\"points\":[...]}");
        }
        final List<double[]> points = new ArrayList<>();
        for (final JsonNode point : array)
        {
            if (point.isArray() && point.size() >= 2)
            {
                points.add(new double[]{point.get(0).asDouble(), point.get(1).asDouble()});
            }
            else if (point.has("hour"))
            {
                final JsonNode rate = point.has("relativeRate") ? point.get("relativeRate") : point.get("rate");
                if (rate == null)
                {
                    throw new IllegalArgumentException("point without relativeRate: " + point);
                }
                points.add(new double[]{point.get("hour").asDouble(), rate.asDouble()});
            }
            else
            {
                throw new IllegalArgumentException("point must be {\"hour\":..,\"relativeRate\":..}: " + point);
            }
        }
        return fromPoints(points, "json");
    }

    private static SaleProfile fromPoints(final List<double[]> points, final String what)
    {
        final double[] h = new double[points.size()];
        final double[] r = new double[points.size()];
        for (int i = 0; i < h.length; i++)
        {
            h[i] = points.get(i)[0];
            r[i] = points.get(i)[1];
        }
        return new SaleProfile(h, r, what);
    }

    /**
     * @return the first hour of the profile on the sale clock.
     */
    public double startHour()
    {
        return hours[0];
    }

    /**
     * @return the last hour of the profile on the sale clock.
     */
    public double endHour()
    {
        return hours[hours.length - 1];
    }

    /**
     * @param hour sale-clock hour.
     * @return relative rate in [0, 1] at that hour (0 outside the profile).
     */
    public double relativeRate(final double hour)
    {
        if (hour < hours[0] || hour > hours[hours.length - 1])
        {
            return 0.0;
        }
        int lo = 0;
        int hi = hours.length - 1;
        while (hi - lo > 1)
        {
            final int mid = (lo + hi) >>> 1;
            if (hours[mid] <= hour)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
        final double span = hours[hi] - hours[lo];
        final double f = span == 0 ? 0 : (hour - hours[lo]) / span;
        return rates[lo] + f * (rates[hi] - rates[lo]);
    }

    /**
     * @return one line saying where the curve came from.
     */
    public String description()
    {
        return description;
    }
}
