package io.flashsale.engine.command;

/**
 * Outcome of one command. Expected business outcomes (sold out, over the limit) are result codes, never exceptions.
 */
public enum ResultCode
{
    /** Not yet processed (the value a fresh ring slot carries). */
    PENDING,
    /** An admin command or a query succeeded. */
    OK,
    /** A BUY reserved stock: a new order exists. */
    RESERVED,
    /** A PAY moved the order to PAID. */
    PAID,
    /** A CANCEL moved the order to CANCELLED; its units are back on sale. */
    CANCELLED,
    /** A TICK was applied (the number of orders it expired is in {@code count}). */
    TICKED,
    /**
     * A BUY repeated a buyer's client request id with the same SKU and quantity: the result carries the first order,
     * no new order was made.
     */
    DUPLICATE,
    /**
     * A BUY repeated a buyer's client request id with another SKU or quantity: no order was made and nothing about the
     * first order is disclosed.
     */
    IDEMPOTENCY_CONFLICT,
    /** Not enough units left for the quantity asked. */
    SOLD_OUT,
    /** The buyer's units of this SKU (reserved + paid) would exceed the per-user limit. */
    LIMIT_EXCEEDED,
    /** The buyer has placed as many orders for this SKU (in any state) as the sale allows. */
    ORDER_LIMIT_EXCEEDED,
    /** The SKU's sale has not opened yet or has already closed ({@code detail} says which). */
    NOT_OPEN,
    /** No such SKU. */
    UNKNOWN_SKU,
    /** No such order. */
    UNKNOWN_ORDER,
    /** No such sale. */
    UNKNOWN_SALE,
    /** The order belongs to another buyer. */
    NOT_OWNER,
    /** The order's state forbids the change (e.g. paying a cancelled order); its state is in the result. */
    INVALID_STATE,
    /** An admin command names an id that exists already with different values (restock is the way to add units). */
    CONFLICT,
    /** Malformed command: bad quantity, id, window, request id ({@code detail} says which). */
    INVALID,
    /**
     * The engine's state budget is spent: new orders are refused (pay, cancel and queries keep working) until the node
     * is restarted with more memory.
     */
    CAPACITY_EXHAUSTED,
    /** The ring was full: nothing was done; retry later. Produced by the caller side, never by the engine. */
    OVERLOADED,
    /**
     * The engine stopped acknowledging after a journal write or internal failure: nothing is acknowledged until the
     * node is restarted (replay then rebuilds the state the journal proves).
     */
    UNAVAILABLE;

    private static final ResultCode[] VALUES = values();

    /**
     * @param ordinal a value returned by {@link #ordinal()}.
     * @return the result code with that ordinal.
     */
    public static ResultCode of(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
