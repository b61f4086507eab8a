package io.flashsale.bench.loadgen;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import picocli.CommandLine;

/**
 * Converters of the load generator's option values: a bad value is a picocli type-conversion error (exit 2, the
 * option and the reason on one line).
 */
final class OptionConverters
{
    private static final List<String> TRANSPORTS = List.of("auto", "epoll", "nio");
    private static final List<String> PROGRESS = List.of("auto", "line", "off");

    private OptionConverters()
    {
    }

    private static String choose(final String value, final List<String> allowed)
    {
        final String v = value.strip().toLowerCase(Locale.ROOT);
        if (allowed.contains(v))
        {
            return v;
        }
        throw new CommandLine.TypeConversionException("'" + value + "' is not one of " + String.join(", ", allowed));
    }

    /**
     * {@code --transport}: auto, epoll or nio, any case.
     */
    static final class Transport implements CommandLine.ITypeConverter<String>
    {
        @Override
        public String convert(final String value)
        {
            return choose(value, TRANSPORTS);
        }
    }

    /**
     * {@code --progress}: auto, line or off, any case.
     */
    static final class Progress implements CommandLine.ITypeConverter<String>
    {
        @Override
        public String convert(final String value)
        {
            return choose(value, PROGRESS);
        }
    }

    /**
     * Parses {@code --start-at}: ISO-8601 instant ({@code 2026-11-27T13:30:00Z}, offsets allowed) or epoch ms.
     */
    static final class StartTime implements CommandLine.ITypeConverter<Long>
    {
        @Override
        public Long convert(final String value)
        {
            final String v = value.strip();
            try
            {
                if (v.chars().allMatch(Character::isDigit) && !v.isEmpty())
                {
                    return Long.parseLong(v);
                }
                return OffsetDateTime.parse(v).toInstant().toEpochMilli();
            }
            catch (final RuntimeException ex)
            {
                throw new CommandLine.TypeConversionException("'" + value + "' is neither an ISO-8601 instant " +
                    "(2026-11-27T13:30:00Z) nor epoch milliseconds");
            }
        }
    }
}
