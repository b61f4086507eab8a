package io.flashsale.bench.loadgen;

import picocli.CommandLine;

/**
 * Which share of one schedule this generator runs: part {@code index} of {@code count} generators that together
 * offer the whole schedule. Part {@code i} sends arrivals {@code k} with {@code k % count == i - 1} and buys as
 * buyers {@code u} with {@code (u - 1) % count == i - 1}, so parts never share an arrival, a requestId or a buyer.
 *
 * @param index 1-based part number.
 * @param count number of parts (1 = the whole schedule).
 */
public record Part(int index, int count)
{
    /** The whole schedule on one generator. */
    public static final Part WHOLE = new Part(1, 1);

    /**
     * Validates the numbers.
     */
    public Part
    {
        if (count < 1 || index < 1 || index > count)
        {
            throw new IllegalArgumentException("part must be i/N with 1 <= i <= N, got " + index + "/" + count);
        }
    }

    /**
     * @return true unless this is the whole schedule.
     */
    public boolean isPartial()
    {
        return count > 1;
    }

    /**
     * @param share a draw in {@code [0, population / count)}.
     * @return the global buyer (or bot) number {@code 1 + (index - 1) + count * share}.
     */
    public long member(final long share)
    {
        return 1 + (index - 1) + count * share;
    }

    @Override
    public String toString()
    {
        return index + "/" + count;
    }

    /**
     * Parses {@code i/N}.
     */
    public static final class Converter implements CommandLine.ITypeConverter<Part>
    {
        @Override
        public Part convert(final String value)
        {
            final int slash = value.indexOf('/');
            try
            {
                if (slash > 0)
                {
                    return new Part(Integer.parseInt(value.substring(0, slash).strip()),
                        Integer.parseInt(value.substring(slash + 1).strip()));
                }
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a part i/N with 1 <= i <= N " +
                    "(e.g. 2/3)");
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not a part i/N (e.g. 2/3)");
        }
    }
}
