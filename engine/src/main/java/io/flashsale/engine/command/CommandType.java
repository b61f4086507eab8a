package io.flashsale.engine.command;

/**
 * Kinds of command a caller can put on the ring. Codes are stable: they are never written to the journal
 * (the journal holds outcomes, see {@code RecordDescriptor}), but callers may log them.
 */
public enum CommandType
{
    /** Admin: define a sale window and its payment window. */
    DEFINE_SALE,
    /** Admin: add a limited SKU to a sale. */
    ADD_SKU,
    /** Admin: add units to a SKU's stock. */
    RESTOCK,
    /** Admin: give a sale, store or SKU a display name. */
    LABEL,
    /** Buyer: reserve units of a SKU under a client request id. */
    BUY,
    /** Buyer: pay a RESERVED order. */
    PAY,
    /** Buyer: cancel a RESERVED order; its units go back on sale. */
    CANCEL,
    /** Clock: carries the time; expires RESERVED orders whose payment window passed. */
    TICK,
    /** Read: one order by id. */
    QUERY_ORDER,
    /** Read: stock of one SKU. */
    QUERY_SKU,
    /**
     * A slot whose filling failed after it was claimed: published so the ring never stalls, answered INVALID to
     * nobody, changes nothing.
     */
    REJECTED;

    private static final CommandType[] VALUES = values();

    /**
     * @param ordinal a value returned by {@link #ordinal()}.
     * @return the command type with that ordinal.
     */
    public static CommandType of(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
