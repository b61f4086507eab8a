package io.flashsale.process;

import java.util.Locale;

import picocli.CommandLine;

/**
 * Parses durations like {@code 60s}, {@code 2m}, {@code 250ms}, {@code 200us}, {@code 1h} or a bare number of
 * seconds into nanoseconds.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Long>
{
    @Override
    public Long convert(final String value)
    {
        return parseNanos(value);
    }

    /**
     * @param text the duration text.
     * @return nanoseconds.
     */
    public static long parseNanos(final String text)
    {
        final String s = text.strip().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < s.length() && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '.'))
        {
            end++;
        }
        if (end == 0)
        {
            throw new CommandLine.TypeConversionException("not a duration: '" + text + "' (e.g. 60s, 2m, 250ms)");
        }
        final double number = Double.parseDouble(s.substring(0, end));
        final String unit = s.substring(end).strip();
        final double nanosPerUnit;
        switch (unit)
        {
            case "":
            case "s":
                nanosPerUnit = 1e9;
                break;
            case "ms":
                nanosPerUnit = 1e6;
                break;
            case "us":
                nanosPerUnit = 1e3;
                break;
            case "m":
            case "min":
                nanosPerUnit = 60e9;
                break;
            case "h":
                nanosPerUnit = 3600e9;
                break;
            default:
                throw new CommandLine.TypeConversionException("unknown duration unit '" + unit + "' in '" + text + "'");
        }
        return (long)(number * nanosPerUnit);
    }
}
