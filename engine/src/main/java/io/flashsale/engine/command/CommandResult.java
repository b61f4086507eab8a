package io.flashsale.engine.command;

/**
 * Read-only view of a processed command, handed to a {@code ResultSink}.
 * <p>
 * Valid only for the duration of the sink call that received it: the underlying ring slot is reused afterwards.
 * Copy what you need; never keep the reference.
 */
public interface CommandResult
{
    /**
     * @return the command that produced this result.
     */
    CommandType type();

    /**
     * @return the outcome.
     */
    ResultCode result();

    /**
     * @return the {@link Detail} code refining NOT_OPEN and INVALID outcomes.
     */
    int detail();

    /**
     * @return the caller's opaque reply target passed at publication (never inspected by the engine).
     */
    Object replyTo();

    /**
     * @return the caller's correlation id passed at publication.
     */
    long correlationId();

    /**
     * @return the time the command carried, epoch milliseconds.
     */
    long timestamp();

    /**
     * @return {@link System#nanoTime()} when the command was published (for ring-wait latency).
     */
    long publishNanos();

    /**
     * @return the order concerned (BUY, DUPLICATE, PAY, CANCEL, QUERY_ORDER), else 0.
     */
    long orderId();

    /**
     * @return the order's state after the command, or {@link OrderState#NONE}.
     */
    OrderState orderState();

    /**
     * @return the order's buyer.
     */
    long userId();

    /**
     * @return the SKU concerned.
     */
    long skuId();

    /**
     * @return the order's quantity (or the restock quantity).
     */
    int quantity();

    /**
     * @return the order's unit price in minor units (or the SKU's price for QUERY_SKU).
     */
    long price();

    /**
     * @return the order's payment deadline, epoch milliseconds.
     */
    long deadline();

    /**
     * @return for SKU results: units still on sale.
     */
    long available();

    /**
     * @return for SKU results: units held by RESERVED orders.
     */
    long held();

    /**
     * @return for SKU results: units in PAID orders.
     */
    long sold();

    /**
     * @return for SKU results: initial stock plus restocks.
     */
    long total();

    /**
     * @return for SKU results: the per-user limit; for sale results: number of SKUs.
     */
    int limit();

    /**
     * @return the sale concerned (QUERY_SKU, DEFINE_SALE).
     */
    long saleId();

    /**
     * @return the store owning the SKU.
     */
    long storeId();

    /**
     * @return sale opening, epoch milliseconds (QUERY_SKU, DEFINE_SALE).
     */
    long openAt();

    /**
     * @return sale closing, epoch milliseconds (QUERY_SKU, DEFINE_SALE).
     */
    long closeAt();

    /**
     * @return payment window in milliseconds (QUERY_SKU, DEFINE_SALE).
     */
    long paymentWindowMillis();

    /**
     * @return a count: orders expired by a TICK.
     */
    long count();

    /**
     * @return length of the request id in bytes.
     */
    int requestIdLength();

    /**
     * @param index 0..{@link #requestIdLength()}-1.
     * @return one ASCII byte of the request id.
     */
    byte requestIdByte(int index);

    /**
     * Copy the request id out without allocating.
     *
     * @param dst    destination array.
     * @param offset where to start writing.
     * @return the number of bytes copied.
     */
    int copyRequestId(byte[] dst, int offset);
}
