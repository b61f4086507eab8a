package io.flashsale.engine.state;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What threads other than the business thread may read of the catalogue (event loops listing sales, the metrics
 * page, start-up): the sales and SKUs defined when the view was published, and each SKU's live stock counters.
 * <p>
 * Immutable in what it defines: the business thread publishes a new view (a volatile write in {@link Catalog}) after
 * every definition and never changes an entry below a published count, so a view's definitions are safe to read from
 * any thread. Stock counters are read with acquire loads of the owner's release stores: each value is one the owner
 * wrote, possibly a few orders old, never torn; the four counters of a SKU are read one by one, so they need not add
 * up exactly while orders are being taken. Allocation-free to read.
 */
public final class CatalogView
{
    static final int STOCK_FIELDS = 4;
    static final int AVAILABLE = 0;
    static final int HELD = 1;
    static final int SOLD = 2;
    static final int TOTAL = 3;

    private final int saleCount;
    private final long[] saleId;
    private final long[] saleOpenAt;
    private final long[] saleCloseAt;
    private final long[] salePaymentWindow;
    private final int skuCount;
    private final long[] skuId;
    private final int[] skuSale;
    private final long[] skuStore;
    private final long[] skuPrice;
    private final int[] skuLimit;
    private final int[] skuMaxOrders;
    private final AtomicLongArray stock;

    CatalogView(
        final int saleCount,
        final long[] saleId,
        final long[] saleOpenAt,
        final long[] saleCloseAt,
        final long[] salePaymentWindow,
        final int skuCount,
        final long[] skuId,
        final int[] skuSale,
        final long[] skuStore,
        final long[] skuPrice,
        final int[] skuLimit,
        final int[] skuMaxOrders,
        final AtomicLongArray stock)
    {
        this.saleCount = saleCount;
        this.saleId = saleId;
        this.saleOpenAt = saleOpenAt;
        this.saleCloseAt = saleCloseAt;
        this.salePaymentWindow = salePaymentWindow;
        this.skuCount = skuCount;
        this.skuId = skuId;
        this.skuSale = skuSale;
        this.skuStore = skuStore;
        this.skuPrice = skuPrice;
        this.skuLimit = skuLimit;
        this.skuMaxOrders = skuMaxOrders;
        this.stock = stock;
    }

    /**
     * @return number of sales in this view (indexes 0 .. n-1).
     */
    public int saleCount()
    {
        return saleCount;
    }

    /**
     * @param id a sale id.
     * @return its index in this view, or {@link Catalog#MISSING} (a scan: sales are few).
     */
    public int saleIndex(final long id)
    {
        for (int i = 0; i < saleCount; i++)
        {
            if (saleId[i] == id)
            {
                return i;
            }
        }
        return Catalog.MISSING;
    }

    /**
     * @param index sale index.
     * @return sale id.
     */
    public long saleId(final int index)
    {
        return saleId[index];
    }

    /**
     * @param index sale index.
     * @return opening, epoch ms.
     */
    public long saleOpenAt(final int index)
    {
        return saleOpenAt[index];
    }

    /**
     * @param index sale index.
     * @return closing, epoch ms.
     */
    public long saleCloseAt(final int index)
    {
        return saleCloseAt[index];
    }

    /**
     * @param index sale index.
     * @return payment window, ms.
     */
    public long salePaymentWindow(final int index)
    {
        return salePaymentWindow[index];
    }

    /**
     * @return number of SKUs in this view (indexes 0 .. n-1).
     */
    public int skuCount()
    {
        return skuCount;
    }

    /**
     * @param index SKU index.
     * @return SKU id.
     */
    public long skuId(final int index)
    {
        return skuId[index];
    }

    /**
     * @param index SKU index.
     * @return index of the SKU's sale.
     */
    public int skuSale(final int index)
    {
        return skuSale[index];
    }

    /**
     * @param index SKU index.
     * @return store id.
     */
    public long skuStore(final int index)
    {
        return skuStore[index];
    }

    /**
     * @param index SKU index.
     * @return unit price, minor units.
     */
    public long skuPrice(final int index)
    {
        return skuPrice[index];
    }

    /**
     * @param index SKU index.
     * @return per-user limit.
     */
    public int skuLimit(final int index)
    {
        return skuLimit[index];
    }

    /**
     * @param index SKU index.
     * @return orders one buyer may place for the SKU, in any state.
     */
    public int skuMaxOrders(final int index)
    {
        return skuMaxOrders[index];
    }

    /**
     * @param index SKU index.
     * @return units on sale.
     */
    public long skuAvailable(final int index)
    {
        return stock.getAcquire(index * STOCK_FIELDS + AVAILABLE);
    }

    /**
     * @param index SKU index.
     * @return units held by RESERVED orders.
     */
    public long skuHeld(final int index)
    {
        return stock.getAcquire(index * STOCK_FIELDS + HELD);
    }

    /**
     * @param index SKU index.
     * @return units in PAID orders.
     */
    public long skuSold(final int index)
    {
        return stock.getAcquire(index * STOCK_FIELDS + SOLD);
    }

    /**
     * @param index SKU index.
     * @return initial stock plus restocks.
     */
    public long skuTotal(final int index)
    {
        return stock.getAcquire(index * STOCK_FIELDS + TOTAL);
    }
}
