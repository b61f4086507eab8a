package io.flashsale.engine.state;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

import org.agrona.collections.Long2LongHashMap;

/**
 * Sales and their SKUs with stock counters, in parallel primitive arrays indexed by a dense SKU index.
 * <p>
 * Owned by the business thread (or the replaying thread before the pipeline starts): only it calls the methods of this
 * class. Other threads read the catalogue through {@link #view()}, which this class publishes: definitions are
 * append-only (an entry below a published count never changes), and the four stock counters of each SKU live in one
 * {@link AtomicLongArray} that the owner writes with release stores and views read with acquire loads.
 */
public final class Catalog extends CatalogDefinitions
{
    /** Largest SKU index an instance can hold (it is packed into 23 bits of the per-user key). */
    public static final int MAX_SKUS = 1 << 23;
    /** Returned by the index lookups for an unknown id. */
    public static final int MISSING = -1;

    private final Long2LongHashMap saleIndexById = new Long2LongHashMap(64, 0.6f, MISSING);
    private final Long2LongHashMap skuIndexById;

    private int[] saleSkuCount = new int[8];

    private int[] skuInitial;
    private AtomicLongArray stock;
    private volatile CatalogView view;

    /**
     * @param expectedSkus SKUs to size the arrays for; more are accepted (arrays grow on the admin path).
     */
    public Catalog(final int expectedSkus)
    {
        saleId = new long[8];
        saleOpenAt = new long[8];
        saleCloseAt = new long[8];
        salePaymentWindow = new long[8];
        final int capacity = Math.max(16, expectedSkus);
        skuIndexById = new Long2LongHashMap(capacity, 0.6f, MISSING);
        skuId = new long[capacity];
        skuSale = new int[capacity];
        skuStore = new long[capacity];
        skuPrice = new long[capacity];
        skuLimit = new int[capacity];
        skuMaxOrders = new int[capacity];
        skuInitial = new int[capacity];
        stock = new AtomicLongArray(capacity * CatalogView.STOCK_FIELDS);
        publish();
    }

    /**
     * The catalogue as other threads may read it: the sales and SKUs defined when it was published, with live stock
     * counters. Any thread; a new view is published after every definition, so call this per read.
     *
     * @return the latest published view.
     */
    public CatalogView view()
    {
        return view;
    }

    private void publish()
    {
        view = new CatalogView(this, stock);
    }

    private long stock(final int index, final int field)
    {
        return stock.getPlain(index * CatalogView.STOCK_FIELDS + field);
    }

    private void stock(final int index, final int field, final long value)
    {
        stock.setRelease(index * CatalogView.STOCK_FIELDS + field, value);
    }

    /**
     * @param id sale id.
     * @return its index, or {@link #MISSING}.
     */
    public int saleIndex(final long id)
    {
        return (int)saleIndexById.get(id);
    }

    /**
     * @param id SKU id.
     * @return its index, or {@link #MISSING}.
     */
    public int skuIndex(final long id)
    {
        return (int)skuIndexById.get(id);
    }

    /**
     * Add a sale (apply path: arguments already validated).
     *
     * @param id            sale id.
     * @param openAt        opening, epoch ms.
     * @param closeAt       closing, epoch ms.
     * @param paymentWindow ms a RESERVED order has to be paid.
     * @return the sale's index.
     */
    public int addSale(final long id, final long openAt, final long closeAt, final long paymentWindow)
    {
        if (saleCount == saleId.length)
        {
            final int n = saleCount * 2;
            saleId = Arrays.copyOf(saleId, n);
            saleOpenAt = Arrays.copyOf(saleOpenAt, n);
            saleCloseAt = Arrays.copyOf(saleCloseAt, n);
            salePaymentWindow = Arrays.copyOf(salePaymentWindow, n);
            saleSkuCount = Arrays.copyOf(saleSkuCount, n);
        }
        final int index = saleCount++;
        saleId[index] = id;
        saleOpenAt[index] = openAt;
        saleCloseAt[index] = closeAt;
        salePaymentWindow[index] = paymentWindow;
        saleIndexById.put(id, index);
        publish();
        return index;
    }

    /**
     * Add a SKU (apply path: arguments already validated, capacity checked with {@link #hasRoomForSku()}).
     *
     * @param id        SKU id.
     * @param saleIndex index of its sale.
     * @param store     store id.
     * @param price     unit price, minor units.
     * @param stock     initial stock.
     * @param limit     per-user limit.
     * @param maxOrders orders one buyer may place for the SKU, in any state.
     * @return the SKU's index.
     */
    public int addSku(
        final long id,
        final int saleIndex,
        final long store,
        final long price,
        final int stock,
        final int limit,
        final int maxOrders)
    {
        if (skuCount == skuId.length)
        {
            growSkus(Math.min(MAX_SKUS, skuCount * 2));
        }
        final int index = skuCount;
        skuId[index] = id;
        skuSale[index] = saleIndex;
        skuStore[index] = store;
        skuPrice[index] = price;
        skuLimit[index] = limit;
        skuMaxOrders[index] = maxOrders;
        skuInitial[index] = stock;
        stock(index, CatalogView.TOTAL, stock);
        stock(index, CatalogView.AVAILABLE, stock);
        skuIndexById.put(id, index);
        saleSkuCount[saleIndex]++;
        skuCount = index + 1;
        publish();
        return index;
    }

    /**
     * @return true when one more SKU fits.
     */
    public boolean hasRoomForSku()
    {
        return skuCount < MAX_SKUS;
    }

    private void growSkus(final int n)
    {
        skuId = Arrays.copyOf(skuId, n);
        skuSale = Arrays.copyOf(skuSale, n);
        skuStore = Arrays.copyOf(skuStore, n);
        skuPrice = Arrays.copyOf(skuPrice, n);
        skuLimit = Arrays.copyOf(skuLimit, n);
        skuMaxOrders = Arrays.copyOf(skuMaxOrders, n);
        skuInitial = Arrays.copyOf(skuInitial, n);
        final AtomicLongArray grown = new AtomicLongArray(n * CatalogView.STOCK_FIELDS);
        for (int i = 0, used = skuCount * CatalogView.STOCK_FIELDS; i < used; i++)
        {
            grown.setPlain(i, stock.getPlain(i));
        }
        stock = grown;
    }

    /**
     * Add units to a SKU's stock.
     *
     * @param index    SKU index.
     * @param quantity units to add.
     */
    public void restock(final int index, final int quantity)
    {
        stock(index, CatalogView.TOTAL, stock(index, CatalogView.TOTAL) + quantity);
        stock(index, CatalogView.AVAILABLE, stock(index, CatalogView.AVAILABLE) + quantity);
    }

    /**
     * Move units from available to held.
     *
     * @param index    SKU index.
     * @param quantity units.
     */
    public void hold(final int index, final int quantity)
    {
        stock(index, CatalogView.AVAILABLE, stock(index, CatalogView.AVAILABLE) - quantity);
        stock(index, CatalogView.HELD, stock(index, CatalogView.HELD) + quantity);
    }

    /**
     * Move units from held back to available (cancel, expire).
     *
     * @param index    SKU index.
     * @param quantity units.
     */
    public void release(final int index, final int quantity)
    {
        stock(index, CatalogView.HELD, stock(index, CatalogView.HELD) - quantity);
        stock(index, CatalogView.AVAILABLE, stock(index, CatalogView.AVAILABLE) + quantity);
    }

    /**
     * Move units from held to sold (pay).
     *
     * @param index    SKU index.
     * @param quantity units.
     */
    public void sell(final int index, final int quantity)
    {
        stock(index, CatalogView.HELD, stock(index, CatalogView.HELD) - quantity);
        stock(index, CatalogView.SOLD, stock(index, CatalogView.SOLD) + quantity);
    }

    /**
     * @param index sale index.
     * @return number of SKUs in the sale.
     */
    public int saleSkuCount(final int index)
    {
        return saleSkuCount[index];
    }

    /**
     * @param index SKU index.
     * @return stock the SKU was defined with (before restocks).
     */
    public int skuInitial(final int index)
    {
        return skuInitial[index];
    }

    /**
     * @param index SKU index.
     * @return initial stock plus restocks.
     */
    public long skuTotal(final int index)
    {
        return stock(index, CatalogView.TOTAL);
    }

    /**
     * @param index SKU index.
     * @return units on sale.
     */
    public long skuAvailable(final int index)
    {
        return stock(index, CatalogView.AVAILABLE);
    }

    /**
     * @param index SKU index.
     * @return units held by RESERVED orders.
     */
    public long skuHeld(final int index)
    {
        return stock(index, CatalogView.HELD);
    }

    /**
     * @param index SKU index.
     * @return units in PAID orders.
     */
    public long skuSold(final int index)
    {
        return stock(index, CatalogView.SOLD);
    }

    /**
     * Set a SKU's counters from a snapshot; available is derived so the stock invariant holds by construction.
     *
     * @param index SKU index.
     * @param total initial stock plus restocks.
     * @param held  units held by RESERVED orders.
     * @param sold  units PAID.
     */
    public void restoreStock(final int index, final long total, final long held, final long sold)
    {
        stock(index, CatalogView.TOTAL, total);
        stock(index, CatalogView.HELD, held);
        stock(index, CatalogView.SOLD, sold);
        stock(index, CatalogView.AVAILABLE, total - held - sold);
    }
}
