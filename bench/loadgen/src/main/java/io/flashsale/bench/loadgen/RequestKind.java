package io.flashsale.bench.loadgen;

/**
 * The requests a simulated buyer sends. Each kind is a tag in the interval log.
 */
public enum RequestKind
{
    /** {@code POST /v1/orders} with a fresh requestId (or the same one again after a 503). */
    BUY("buy"),
    /** {@code POST /v1/orders} repeating a requestId that already got an order: must return that order. */
    RESUBMIT("resubmit"),
    /** {@code POST /v1/orders/{id}/pay}. */
    PAY("pay"),
    /** {@code POST /v1/orders/{id}/cancel}. */
    CANCEL("cancel"),
    /** {@code GET /v1/skus/{id}}: a buyer refreshing the product page before 00:00. */
    BROWSE("browse");

    private static final RequestKind[] VALUES = values();

    private final String tag;

    RequestKind(final String tag)
    {
        this.tag = tag;
    }

    /**
     * @return the lower-case tag used in {@code .hlog} files and reports.
     */
    public String tag()
    {
        return tag;
    }

    /**
     * @param tag a tag such as {@code buy}.
     * @return the kind, or null if no kind has that tag.
     */
    public static RequestKind ofTag(final String tag)
    {
        for (final RequestKind kind : VALUES)
        {
            if (kind.tag.equals(tag))
            {
                return kind;
            }
        }
        return null;
    }

    /**
     * @param ordinal an ordinal.
     * @return the kind with that ordinal.
     */
    public static RequestKind byOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
