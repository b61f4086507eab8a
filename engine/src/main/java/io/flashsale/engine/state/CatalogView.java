package io.flashsale.engine.state;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What threads other than the business thread may read of the catalogue (event loops listing sales, the metrics
 * page, start-up): the sales and SKUs defined when the view was published, and each SKU's live stock counters.
 * <p>
 * Immutable in what it defines: the business thread publishes a new view (a volatile write in {@link Catalog}) after
 * every definition and never changes an entry below a published count, so a view's definitions (its counts and array
 * references, set once here and published by that volatile write) are safe to read from any thread. Stock counters
 * are read with acquire loads of the owner's release stores: each value is one the owner wrote, possibly a few orders
 * old, never torn; the four counters of a SKU are read one by one, so they need not add up exactly while orders are
 * being taken. Allocation-free to read.
 */
public final class CatalogView extends CatalogDefinitions
{
    static final int STOCK_FIELDS = 4;
    static final int AVAILABLE = 0;
    static final int HELD = 1;
    static final int SOLD = 2;
    static final int TOTAL = 3;

    private final AtomicLongArray stock;

    /**
     * @param catalog the owner's catalogue at publication: its counts and current arrays are captured.
     * @param stock   its stock counters.
     */
    CatalogView(final CatalogDefinitions catalog, final AtomicLongArray stock)
    {
        saleCount = catalog.saleCount;
        saleId = catalog.saleId;
        saleOpenAt = catalog.saleOpenAt;
        saleCloseAt = catalog.saleCloseAt;
        salePaymentWindow = catalog.salePaymentWindow;
        skuCount = catalog.skuCount;
        skuId = catalog.skuId;
        skuSale = catalog.skuSale;
        skuStore = catalog.skuStore;
        skuPrice = catalog.skuPrice;
        skuLimit = catalog.skuLimit;
        skuMaxOrders = catalog.skuMaxOrders;
        this.stock = stock;
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
