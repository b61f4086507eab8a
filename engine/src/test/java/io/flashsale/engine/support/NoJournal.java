package io.flashsale.engine.support;

import io.flashsale.engine.journal.RecordHandler;

/**
 * A journal that counts records and keeps nothing.
 */
public final class NoJournal implements RecordHandler
{
    private long records;

    /**
     * @return records received.
     */
    public long records()
    {
        return records;
    }

    @Override
    public void onSaleDefined(
        final long timestamp, final long saleId, final long openAt, final long closeAt, final long paymentWindowMillis)
    {
        records++;
    }

    @Override
    public void onSkuAdded(
        final long timestamp, final long skuId, final long saleId, final long storeId, final long price,
        final int stock, final int perUserLimit, final int maxOrdersPerBuyer)
    {
        records++;
    }

    @Override
    public void onLabelled(final long timestamp, final int kind, final long id, final byte[] name, final int length)
    {
        records++;
    }

    @Override
    public void onRestocked(final long timestamp, final long skuId, final int quantity)
    {
        records++;
    }

    @Override
    public void onOrderReserved(
        final long timestamp, final long orderId, final long userId, final long skuId, final int quantity,
        final long price, final long deadline, final byte[] requestId, final int requestIdLength)
    {
        records++;
    }

    @Override
    public void onOrderPaid(final long timestamp, final long orderId)
    {
        records++;
    }

    @Override
    public void onOrderCancelled(final long timestamp, final long orderId)
    {
        records++;
    }

    @Override
    public void onOrderExpired(final long timestamp, final long orderId)
    {
        records++;
    }
}
