package io.flashsale.bench.loadgen;

/**
 * The phases of a Singles' Day sale by sale-clock hour, used to split the latency report. Hour 0 is 00:00 on
 * 11 November (sale opens); negative hours are the evening before, when buyers only browse.
 */
public enum SalePhase
{
    /** Before 00:00: buyers refresh product pages. */
    PRE_SALE("pre-sale", "presale", Double.NEGATIVE_INFINITY, 0.0),
    /** 00:00 to 01:00: the opening spike and its decay. */
    MIDNIGHT_SPIKE("00:00 spike", "spike", 0.0, 1.0),
    /** 01:00 to 19:00: night lull and daytime. */
    DAYTIME("daytime", "daytime", 1.0, 19.0),
    /** 19:00 to 23:00: the evening peak. */
    EVENING_PEAK("evening peak", "evening", 19.0, 23.0),
    /** 23:00 to the end: last-call and close. */
    CLOSE("close", "close", 23.0, Double.POSITIVE_INFINITY);

    private static final SalePhase[] VALUES = values();

    private final String label;
    private final String key;
    private final double fromHour;
    private final double toHour;

    SalePhase(final String label, final String key, final double fromHour, final double toHour)
    {
        this.label = label;
        this.key = key;
        this.fromHour = fromHour;
        this.toHour = toHour;
    }

    /**
     * @return the human label used in reports.
     */
    public String label()
    {
        return label;
    }

    /**
     * @return the one-word name used in thresholds and the JSON summary ({@code presale}, {@code spike}, ...).
     */
    public String key()
    {
        return key;
    }

    /**
     * @param saleHour hour on the sale clock (0 = 00:00 on 11 November).
     * @return the phase that hour belongs to.
     */
    public static SalePhase of(final double saleHour)
    {
        for (final SalePhase phase : VALUES)
        {
            if (saleHour >= phase.fromHour && saleHour < phase.toHour)
            {
                return phase;
            }
        }
        return CLOSE;
    }

    /**
     * @param key a key such as {@code spike}.
     * @return the phase, or null if no phase has that key.
     */
    public static SalePhase ofKey(final String key)
    {
        for (final SalePhase phase : VALUES)
        {
            if (phase.key.equals(key))
            {
                return phase;
            }
        }
        return null;
    }

    /**
     * @param ordinal an ordinal.
     * @return the phase with that ordinal (no allocation, unlike {@code values()}).
     */
    public static SalePhase byOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }

    /**
     * @param saleHour hour on the sale clock, may be negative or above 24.
     * @return the clock as {@code "11 Nov 00:05:12"} (hours below 0 are on 10 November).
     */
    public static String clock(final double saleHour)
    {
        final long seconds = (long)Math.floor(saleHour * 3600.0);
        final long daySeconds = Math.floorMod(seconds, 86_400L);
        final long day = 11 + Math.floorDiv(seconds, 86_400L);
        return String.format("%02d Nov %02d:%02d:%02d", day, daySeconds / 3600, (daySeconds / 60) % 60,
            daySeconds % 60);
    }
}
