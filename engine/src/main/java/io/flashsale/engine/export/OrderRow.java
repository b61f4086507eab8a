package io.flashsale.engine.export;

/**
 * One exported row: an order entering a state (RESERVED, PAID, CANCELLED, EXPIRED), or with catalogue rows asked for,
 * a catalogue change (SALE_DEFINED, SKU_ADDED, RESTOCKED). A mutable flyweight: {@link OrderRows} refills the same
 * instance for every row, so a sink copies what it keeps beyond the call.
 * <p>
 * Money is in minor units of the sale's currency (the journal holds no currency; the exporter names it).
 */
public final class OrderRow
{
    String state = "";
    long position;
    long journalIndex;
    long stateTime;
    long orderTime;
    long paymentDeadline;
    long orderId;
    long saleId;
    long storeId;
    long skuId;
    long userId;
    long quantity;
    long unitPrice;
    String requestId = "";
    String saleName = "";
    String storeName = "";
    String skuName = "";

    OrderRow()
    {
    }

    /**
     * @return RESERVED, PAID, CANCELLED or EXPIRED for an order; SALE_DEFINED, SKU_ADDED or RESTOCKED for a catalogue
     *         row.
     */
    public String state()
    {
        return state;
    }

    /**
     * @return whether this row is an order's state change (not a catalogue change).
     */
    public boolean isOrder()
    {
        return orderId != 0;
    }

    /**
     * @return the record's number in the journal, from 1: unique and increasing, so a consumer can resume after the
     *         last position it processed and drop rows it has seen.
     */
    public long position()
    {
        return position;
    }

    /**
     * @return the Chronicle index of the excerpt holding the record (one excerpt holds a batch: not unique per row).
     */
    public long journalIndex()
    {
        return journalIndex;
    }

    /**
     * @return when the order entered {@link #state()}, epoch ms (the command time journaled with the record).
     */
    public long stateTime()
    {
        return stateTime;
    }

    /**
     * @return when the order was placed (its RESERVED record), epoch ms; 0 on catalogue rows.
     */
    public long orderTime()
    {
        return orderTime;
    }

    /**
     * @return the payment deadline, epoch ms; 0 on catalogue rows.
     */
    public long paymentDeadline()
    {
        return paymentDeadline;
    }

    /**
     * @return the order id; 0 on catalogue rows.
     */
    public long orderId()
    {
        return orderId;
    }

    /**
     * @return the sale the SKU belongs to.
     */
    public long saleId()
    {
        return saleId;
    }

    /**
     * @return the SKU's store; 0 on sale rows.
     */
    public long storeId()
    {
        return storeId;
    }

    /**
     * @return the SKU; 0 on sale rows.
     */
    public long skuId()
    {
        return skuId;
    }

    /**
     * @return the buyer; 0 on catalogue rows.
     */
    public long userId()
    {
        return userId;
    }

    /**
     * @return units ordered; on SKU_ADDED the initial stock, on RESTOCKED the units added.
     */
    public long quantity()
    {
        return quantity;
    }

    /**
     * @return price of one unit, minor units (the price the order was reserved at).
     */
    public long unitPrice()
    {
        return unitPrice;
    }

    /**
     * @return quantity times unit price, minor units; 0 on catalogue rows.
     */
    public long amount()
    {
        return isOrder() ? quantity * unitPrice : 0;
    }

    /**
     * @return the client request id the order was placed with; empty on catalogue rows.
     */
    public String requestId()
    {
        return requestId;
    }

    /**
     * @return the sale's display name, empty if it has none.
     */
    public String saleName()
    {
        return saleName;
    }

    /**
     * @return the store's display name, empty if it has none.
     */
    public String storeName()
    {
        return storeName;
    }

    /**
     * @return the SKU's display name, empty if it has none.
     */
    public String skuName()
    {
        return skuName;
    }

    void clear(final String newState, final long newPosition, final long newJournalIndex, final long time)
    {
        state = newState;
        position = newPosition;
        journalIndex = newJournalIndex;
        stateTime = time;
        orderTime = 0;
        paymentDeadline = 0;
        orderId = 0;
        saleId = 0;
        storeId = 0;
        skuId = 0;
        userId = 0;
        quantity = 0;
        unitPrice = 0;
        requestId = "";
        saleName = "";
        storeName = "";
        skuName = "";
    }
}
