package io.flashsale.gateway.ops;

import io.flashsale.gateway.codec.ApiCode;

/**
 * The outcome groups the sale board plots for buyers' responses.
 */
public enum BoardOutcome
{
    /** A new order (201). */
    RESERVED("reserved"),
    /** Sold out (409). */
    SOLD_OUT("sold out"),
    /** Over the per-user unit or order limit (429). */
    OVER_LIMIT("over limit"),
    /** Shed at the door: ring full or too many pipelined requests (503). */
    OVERLOADED("overloaded"),
    /** The engine or its shard did not acknowledge (503). */
    UNAVAILABLE("unavailable"),
    /** Any other 5xx. */
    SERVER_ERROR("5xx"),
    /** Everything else: payments, cancellations, duplicates, reads and other 4xx. */
    OTHER("other");

    private static final BoardOutcome[] BY_CODE = new BoardOutcome[ApiCode.values().length];

    static
    {
        for (final ApiCode code : ApiCode.values())
        {
            BY_CODE[code.ordinal()] = of0(code);
        }
    }

    private final String label;

    BoardOutcome(final String label)
    {
        this.label = label;
    }

    /**
     * @return the board's legend text.
     */
    public String label()
    {
        return label;
    }

    /**
     * @param code an API outcome.
     * @return its group.
     */
    public static BoardOutcome of(final ApiCode code)
    {
        return BY_CODE[code.ordinal()];
    }

    private static BoardOutcome of0(final ApiCode code)
    {
        switch (code)
        {
            case RESERVED:
                return RESERVED;
            case SOLD_OUT:
                return SOLD_OUT;
            case LIMIT_EXCEEDED:
            case ORDER_LIMIT_EXCEEDED:
                return OVER_LIMIT;
            case OVERLOADED:
                return OVERLOADED;
            case UNAVAILABLE:
                return UNAVAILABLE;
            default:
                return code.status().code() >= 500 ? SERVER_ERROR : OTHER;
        }
    }
}
