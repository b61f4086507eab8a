package io.flashsale.engine.journal;

/**
 * One callback per journal record type. The business logic emits each accepted state change to two of these in
 * turn: the {@link JournalWriter} (encode) and the engine state (apply); replay feeds the decoded records to the
 * same state methods, which is what makes "replay reaches the identical state" hold by construction.
 * <p>
 * Implementations are called on one thread at a time. A {@code requestId} array is only valid during the call.
 */
public interface RecordHandler
{
    /**
     * A sale was defined.
     *
     * @param timestamp           command time, epoch ms.
     * @param saleId              sale id.
     * @param openAt              opening, epoch ms.
     * @param closeAt             closing, epoch ms.
     * @param paymentWindowMillis time a RESERVED order has to be paid.
     */
    void onSaleDefined(long timestamp, long saleId, long openAt, long closeAt, long paymentWindowMillis);

    /**
     * A SKU was added to a sale.
     *
     * @param timestamp    command time, epoch ms.
     * @param skuId        SKU id.
     * @param saleId       its sale.
     * @param storeId      its store.
     * @param price        unit price, minor units.
     * @param stock             initial stock.
     * @param perUserLimit      units one buyer may hold or own.
     * @param maxOrdersPerBuyer orders one buyer may place for the SKU, in any state.
     */
    void onSkuAdded(
        long timestamp, long skuId, long saleId, long storeId, long price, int stock, int perUserLimit,
        int maxOrdersPerBuyer);

    /**
     * A sale, store or SKU was given a display name.
     *
     * @param timestamp command time, epoch ms.
     * @param kind      what is named ({@code LabelKind}).
     * @param id        its id.
     * @param name      the name, UTF-8, valid during the call only.
     * @param length    its length in bytes.
     */
    void onLabelled(long timestamp, int kind, long id, byte[] name, int length);

    /**
     * Units were added to a SKU.
     *
     * @param timestamp command time, epoch ms.
     * @param skuId     SKU id.
     * @param quantity  units added.
     */
    void onRestocked(long timestamp, long skuId, int quantity);

    /**
     * An order reserved stock.
     *
     * @param timestamp       command time, epoch ms.
     * @param orderId         new order id.
     * @param userId          buyer.
     * @param skuId           SKU.
     * @param quantity        units.
     * @param price           unit price, minor units.
     * @param deadline        payment deadline, epoch ms.
     * @param requestId       client request id (ASCII), valid during the call only.
     * @param requestIdLength its length.
     */
    void onOrderReserved(
        long timestamp,
        long orderId,
        long userId,
        long skuId,
        int quantity,
        long price,
        long deadline,
        byte[] requestId,
        int requestIdLength);

    /**
     * A RESERVED order was paid.
     *
     * @param timestamp command time, epoch ms.
     * @param orderId   order id.
     */
    void onOrderPaid(long timestamp, long orderId);

    /**
     * A RESERVED order was cancelled by its buyer.
     *
     * @param timestamp command time, epoch ms.
     * @param orderId   order id.
     */
    void onOrderCancelled(long timestamp, long orderId);

    /**
     * A RESERVED order's payment window passed.
     *
     * @param timestamp command time, epoch ms.
     * @param orderId   order id.
     */
    void onOrderExpired(long timestamp, long orderId);
}
