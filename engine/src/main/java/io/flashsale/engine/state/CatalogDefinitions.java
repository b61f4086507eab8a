package io.flashsale.engine.state;

/**
 * The definitions of sales and SKUs as parallel arrays indexed by dense sale and SKU indexes: what {@link Catalog}
 * (the business thread's catalogue) and {@link CatalogView} (what it publishes for other threads) share. Entries below
 * the counts are never changed once written; {@link Catalog} appends beyond them and replaces arrays when they grow.
 */
abstract class CatalogDefinitions
{
    int saleCount;
    long[] saleId;
    long[] saleOpenAt;
    long[] saleCloseAt;
    long[] salePaymentWindow;
    int skuCount;
    long[] skuId;
    int[] skuSale;
    long[] skuStore;
    long[] skuPrice;
    int[] skuLimit;
    int[] skuMaxOrders;

    /**
     * @return number of sales in this view (indexes 0 .. n-1).
     */
    public final int saleCount()
    {
        return saleCount;
    }

    /**
     * @param index sale index.
     * @return sale id.
     */
    public final long saleId(final int index)
    {
        return saleId[index];
    }

    /**
     * @param index sale index.
     * @return opening, epoch ms.
     */
    public final long saleOpenAt(final int index)
    {
        return saleOpenAt[index];
    }

    /**
     * @param index sale index.
     * @return closing, epoch ms.
     */
    public final long saleCloseAt(final int index)
    {
        return saleCloseAt[index];
    }

    /**
     * @param index sale index.
     * @return payment window, ms.
     */
    public final long salePaymentWindow(final int index)
    {
        return salePaymentWindow[index];
    }

    /**
     * @return number of SKUs in this view (indexes 0 .. n-1).
     */
    public final int skuCount()
    {
        return skuCount;
    }

    /**
     * @param index SKU index.
     * @return SKU id.
     */
    public final long skuId(final int index)
    {
        return skuId[index];
    }

    /**
     * @param index SKU index.
     * @return index of the SKU's sale.
     */
    public final int skuSale(final int index)
    {
        return skuSale[index];
    }

    /**
     * @param index SKU index.
     * @return store id.
     */
    public final long skuStore(final int index)
    {
        return skuStore[index];
    }

    /**
     * @param index SKU index.
     * @return unit price, minor units.
     */
    public final long skuPrice(final int index)
    {
        return skuPrice[index];
    }

    /**
     * @param index SKU index.
     * @return per-user limit.
     */
    public final int skuLimit(final int index)
    {
        return skuLimit[index];
    }

    /**
     * @param index SKU index.
     * @return orders one buyer may place for the SKU, in any state.
     */
    public final int skuMaxOrders(final int index)
    {
        return skuMaxOrders[index];
    }
}
