package io.flashsale.gateway.support;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads samples out of a Prometheus text exposition, for assertions.
 */
public final class Exposition
{
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)");

    private Exposition()
    {
    }

    /**
     * @param text   the exposition.
     * @param name   a sample name (with its suffix, e.g. {@code _total} or {@code _bucket}).
     * @param labels label names and values, alternating, that the sample must have (others may be there too).
     * @return the values of every matching sample, in order.
     */
    public static List<Double> values(final String text, final String name, final String... labels)
    {
        final List<Double> values = new ArrayList<>();
        for (final String line : text.split("\n"))
        {
            final Matcher m = SAMPLE.matcher(line);
            if (line.startsWith("#") || !m.matches() || !m.group(1).equals(name))
            {
                continue;
            }
            final String set = m.group(3) == null ? "" : m.group(3);
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2)
            {
                all &= set.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (all)
            {
                values.add(Double.parseDouble(m.group(4)));
            }
        }
        return values;
    }

    /**
     * @param text   the exposition.
     * @param name   a sample name.
     * @param labels label names and values, alternating.
     * @return the one matching sample's value.
     * @throws AssertionError unless exactly one sample matches.
     */
    public static double value(final String text, final String name, final String... labels)
    {
        final List<Double> values = values(text, name, labels);
        if (values.size() != 1)
        {
            throw new AssertionError(values.size() + " samples of " + name + " " + List.of(labels) + " in:\n" + text);
        }
        return values.get(0);
    }
}
