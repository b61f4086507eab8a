package io.flashsale.client;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;

/**
 * What one HTTP exchange ended in, from the status code and the gateway's error {@code code}. Each outcome has its own
 * latency histogram in the report.
 */
public enum Outcome
{
    /** 201: a new order holding stock. */
    RESERVED(true),
    /** 200 with {@code "duplicate":true}: the first order for a repeated requestId. */
    DUPLICATE(true),
    /** 200 on pay. */
    PAID(true),
    /** 200 on cancel. */
    CANCELLED(true),
    /** 200 on a product page read (pre-sale browsing). */
    BROWSED(true),
    /** 409 SOLD_OUT. */
    SOLD_OUT(false),
    /** 429 LIMIT_EXCEEDED. */
    LIMIT_EXCEEDED(false),
    /** The buyer placed as many orders for the SKU as the sale allows (a business refusal). */
    ORDER_LIMIT_EXCEEDED(false),
    /** A request id reused by its buyer for another SKU or quantity (the generator never should). */
    IDEMPOTENCY_CONFLICT(false),
    /** The node's state budget is spent: no new orders. */
    CAPACITY_EXHAUSTED(false),
    /** 403 NOT_OPEN. */
    NOT_OPEN(false),
    /** 404 UNKNOWN_SKU. */
    UNKNOWN_SKU(false),
    /** 400 INVALID. */
    INVALID(false),
    /** 503 OVERLOADED: load shed at the door. */
    OVERLOADED(false),
    /** 503 UNAVAILABLE: the engine stopped acknowledging. */
    UNAVAILABLE(false),
    /** 404 UNKNOWN_ORDER on pay or cancel. */
    UNKNOWN_ORDER(false),
    /** 403 NOT_OWNER on pay or cancel. */
    NOT_OWNER(false),
    /** 409 INVALID_STATE on pay or cancel (for example the order already expired). */
    INVALID_STATE(false),
    /** Any other status or code. */
    HTTP_OTHER(false),
    /** The connection closed before the answer came. */
    CONNECTION_ERROR(false);

    private static final Outcome[] VALUES = values();
    private static final Outcome[] CODED = {
        SOLD_OUT, LIMIT_EXCEEDED, ORDER_LIMIT_EXCEEDED, IDEMPOTENCY_CONFLICT, CAPACITY_EXHAUSTED, NOT_OPEN, UNKNOWN_SKU,
        INVALID, OVERLOADED, UNAVAILABLE, UNKNOWN_ORDER, NOT_OWNER, INVALID_STATE};
    private static final byte[][] CODE_BYTES = new byte[CODED.length][];

    static
    {
        for (int i = 0; i < CODED.length; i++)
        {
            CODE_BYTES[i] = CODED[i].name().getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final boolean success;

    Outcome(final boolean success)
    {
        this.success = success;
    }

    /**
     * @return true for a 2xx answer.
     */
    public boolean success()
    {
        return success;
    }

    /**
     * @return true for answers that mean something went wrong (shed load, unavailable, a malformed or unexpected
     *         request, a dropped connection), as opposed to a 2xx or an expected business refusal (sold out, over
     *         the limit, not open, order already settled).
     */
    public boolean error()
    {
        return !success && this != SOLD_OUT && this != LIMIT_EXCEEDED && this != ORDER_LIMIT_EXCEEDED &&
            this != NOT_OPEN && this != INVALID_STATE;
    }

    /**
     * @return the number of outcomes.
     */
    public static int count()
    {
        return VALUES.length;
    }

    /**
     * @param ordinal an ordinal.
     * @return the outcome with that ordinal.
     */
    public static Outcome byOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }

    /**
     * Classify an error answer by its JSON {@code code}, falling back to the status.
     *
     * @param status HTTP status.
     * @param body   response body (read without moving its indexes).
     * @return the outcome.
     */
    public static Outcome ofError(final int status, final ByteBuf body)
    {
        for (int i = 0; i < CODED.length; i++)
        {
            if (JsonScan.stringFieldEquals(body, JsonScan.CODE, CODE_BYTES[i]))
            {
                return CODED[i];
            }
        }
        switch (status)
        {
            case 409:
                return SOLD_OUT;
            case 429:
                return LIMIT_EXCEEDED;
            case 503:
                return OVERLOADED;
            default:
                return HTTP_OTHER;
        }
    }
}
