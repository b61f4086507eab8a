package io.flashsale.engine.command;

/**
 * Secondary reason carried with NOT_OPEN and INVALID results, so a caller can say precisely what was wrong
 * without the engine building strings. Values are stable.
 */
public final class Detail
{
    /** No further detail. */
    public static final int NONE = 0;
    /** NOT_OPEN: the sale has not started. */
    public static final int NOT_STARTED = 1;
    /** NOT_OPEN: the sale has ended. */
    public static final int ENDED = 2;
    /** INVALID: quantity is not positive or above the SKU's per-user limit. */
    public static final int BAD_QUANTITY = 3;
    /** INVALID: user id out of range. */
    public static final int BAD_USER = 4;
    /** INVALID: request id empty, longer than 64 characters or not printable ASCII. */
    public static final int BAD_REQUEST_ID = 5;
    /** INVALID: sale window or payment window malformed. */
    public static final int BAD_WINDOW = 6;
    /** INVALID: SKU fields (id, price, stock, limit) out of range. */
    public static final int BAD_SKU = 7;
    /** INVALID: a capacity of the engine instance is exhausted. */
    public static final int CAPACITY = 8;
    /** INVALID: sale or order id out of range. */
    public static final int BAD_ID = 9;

    private static final String[] TEXT =
    {
        "",
        "sale has not started",
        "sale has ended",
        "quantity must be positive and within the SKU's per-user limit",
        "user must be a positive id below 2^40",
        "requestId must be 1 to 64 printable ASCII characters",
        "sale must open before it closes and have a positive payment window",
        "SKU id, price, stock or per-user limit out of range",
        "engine capacity exhausted",
        "id out of range",
    };

    private Detail()
    {
    }

    /**
     * @param detail one of the constants of this class.
     * @return a short human-readable text for it (a constant string, no allocation).
     */
    public static String text(final int detail)
    {
        return detail >= 0 && detail < TEXT.length ? TEXT[detail] : "";
    }
}
