package io.flashsale.engine.command;

/**
 * The ranges every numeric field of a sale definition must lie in. The engine refuses a DEFINE_SALE or ADD_SKU outside
 * them (result INVALID with a detail naming the field); gateways check the same constants first so their 400 can name
 * the field as the client spelt it. Within these ranges no arithmetic the engine does on them overflows: a deadline is
 * at most {@link #MAX_INSTANT} + {@link #MAX_PAYMENT_WINDOW_MILLIS}, an order's amount at most
 * {@link #MAX_ORDER_AMOUNT}, a SKU's total stock at most {@link #MAX_STOCK}.
 */
public final class SaleLimits
{
    /** Largest sale, store or SKU id: 2^53 - 1, so ids survive a JSON number parsed as a double. */
    public static final long MAX_ID = (1L << 53) - 1;
    /** Latest opening or closing instant, epoch ms (2100-01-01T00:00:00Z); the earliest is 0. */
    public static final long MAX_INSTANT = 4_102_444_800_000L;
    /** Shortest payment window, ms (1 s). */
    public static final long MIN_PAYMENT_WINDOW_MILLIS = 1_000;
    /** Longest payment window, ms (30 days). */
    public static final long MAX_PAYMENT_WINDOW_MILLIS = 30L * 24 * 3600 * 1000;
    /** Highest unit price, minor units (10^11: a billion in major units). */
    public static final long MAX_PRICE = 100_000_000_000L;
    /** Most units a SKU may have on sale in all (initial stock plus restocks). */
    public static final int MAX_STOCK = 1_000_000_000;
    /** Highest per-user limit, units. */
    public static final int MAX_LIMIT = 10_000;
    /** Highest price x per-user limit, minor units: the largest amount one buyer can hold of one SKU. */
    public static final long MAX_ORDER_AMOUNT = 1_000_000_000_000L;
    /** Highest cap on the orders one buyer may place for one SKU (in any state). */
    public static final int MAX_ORDERS_PER_BUYER = 100_000;
    /** The default cap on orders per buyer and SKU is this many times the per-user limit. */
    public static final int DEFAULT_ORDERS_PER_LIMIT_UNIT = 10;

    private SaleLimits()
    {
    }

    /**
     * @param limit a SKU's per-user limit.
     * @return the cap on one buyer's orders for that SKU when the sale does not set one.
     */
    public static int defaultMaxOrdersPerBuyer(final int limit)
    {
        return (int)Math.min(MAX_ORDERS_PER_BUYER, (long)DEFAULT_ORDERS_PER_LIMIT_UNIT * Math.max(1, limit));
    }

    /**
     * @param id a sale, store or SKU id.
     * @return whether it is in range.
     */
    public static boolean validId(final long id)
    {
        return id > 0 && id <= MAX_ID;
    }

    /**
     * @param openAt  opening, epoch ms.
     * @param closeAt closing, epoch ms.
     * @return whether both are in range and the sale opens before it closes.
     */
    public static boolean validWindow(final long openAt, final long closeAt)
    {
        return openAt >= 0 && closeAt <= MAX_INSTANT && openAt < closeAt;
    }

    /**
     * @param millis a payment window.
     * @return whether it is in range.
     */
    public static boolean validPaymentWindow(final long millis)
    {
        return millis >= MIN_PAYMENT_WINDOW_MILLIS && millis <= MAX_PAYMENT_WINDOW_MILLIS;
    }

    /**
     * @param price a unit price, minor units.
     * @param limit the per-user limit.
     * @return whether the price is in range and price x limit within {@link #MAX_ORDER_AMOUNT}.
     */
    public static boolean validPrice(final long price, final int limit)
    {
        return price >= 0 && price <= MAX_PRICE && price <= MAX_ORDER_AMOUNT / Math.max(1, limit);
    }
}
