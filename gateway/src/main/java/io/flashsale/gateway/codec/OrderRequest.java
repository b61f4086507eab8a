package io.flashsale.gateway.codec;

/**
 * The fields of a small order-API body ({@code sku}, {@code user}, {@code qty}, {@code requestId}) decoded into
 * primitives and a reusable request-id buffer. One instance per event loop (or handler), reused for every request:
 * values are valid until the next {@link OrderRequestDecoder#decode} into it. Not thread-safe.
 */
public final class OrderRequest
{
    /** Presence bit of {@code sku}. */
    public static final int SKU = 1;
    /** Presence bit of {@code user}. */
    public static final int USER = 1 << 1;
    /** Presence bit of {@code qty}. */
    public static final int QTY = 1 << 2;
    /** Presence bit of {@code requestId}. */
    public static final int REQUEST_ID = 1 << 3;
    /** The fields a buy needs. */
    public static final int BUY_FIELDS = SKU | USER | QTY | REQUEST_ID;
    /** Bytes of request id kept; longer ids are counted, not stored, and the engine rejects them. */
    public static final int REQUEST_ID_CAPACITY = 64;

    long sku;
    long user;
    int qty;
    final byte[] requestId = new byte[REQUEST_ID_CAPACITY];
    int requestIdLength;
    int present;

    void clear()
    {
        sku = 0;
        user = 0;
        qty = 0;
        requestIdLength = 0;
        present = 0;
    }

    /**
     * @return the SKU id.
     */
    public long sku()
    {
        return sku;
    }

    /**
     * @return the user id.
     */
    public long user()
    {
        return user;
    }

    /**
     * @return the quantity.
     */
    public int qty()
    {
        return qty;
    }

    /**
     * @return the request id buffer: the first {@code min(requestIdLength(), 64)} bytes are valid.
     */
    public byte[] requestId()
    {
        return requestId;
    }

    /**
     * @return the request id length in bytes as sent (may exceed the buffer: the engine then answers INVALID).
     */
    public int requestIdLength()
    {
        return requestIdLength;
    }
}
