package io.flashsale.engine.command;

/**
 * Lifecycle of an order: RESERVED holds stock until it becomes PAID, or CANCELLED by the buyer, or EXPIRED
 * when its payment window passes. CANCELLED and EXPIRED put the units back on sale.
 */
public enum OrderState
{
    /** Not an order (query miss). */
    NONE,
    /** Stock held, awaiting payment until the deadline. */
    RESERVED,
    /** Paid: the units are sold. */
    PAID,
    /** Cancelled by the buyer before payment. */
    CANCELLED,
    /** The payment window passed before payment. */
    EXPIRED;

    private static final OrderState[] VALUES = values();

    /**
     * @param code a value returned by {@link #code()}.
     * @return the state with that code.
     */
    public static OrderState of(final int code)
    {
        return VALUES[code];
    }

    /**
     * @return the stable one-byte code used in state and snapshots.
     */
    public byte code()
    {
        return (byte)ordinal();
    }
}
