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
    /** The sale's payment window is out of range. */
    public static final int BAD_PAYMENT_WINDOW = 10;
    /** The SKU's price is out of range, or price x limit is. */
    public static final int BAD_PRICE = 11;
    /** The SKU's stock is out of range. */
    public static final int BAD_STOCK = 12;
    /** The SKU's per-user limit is out of range. */
    public static final int BAD_LIMIT = 13;
    /** The SKU's cap on orders per buyer is out of range. */
    public static final int BAD_MAX_ORDERS = 14;
    /** The store id is out of range. */
    public static final int BAD_STORE = 15;
    /** A display name is empty, too long or of an unknown kind. */
    public static final int BAD_NAME = 16;

    private static final String[] TEXT =
    {
        "",
        "sale has not started",
        "sale has ended",
        "quantity must be positive and within the SKU's per-user limit",
        "user must be a positive id below 2^40",
        "requestId must be 1 to 64 printable ASCII characters",
        "openAt and closesAt must lie in 1970..2100 and the sale must open before it closes",
        "SKU id out of range",
        "engine capacity exhausted",
        "id out of range",
        "paymentWindow out of range",
        "price out of range (or price x limit too large)",
        "stock out of range",
        "limit out of range",
        "maxOrdersPerBuyer out of range",
        "store id out of range",
        "name must be 1 to 200 bytes of UTF-8",
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
