package io.flashsale.gateway.ops;

import java.util.Arrays;

import io.flashsale.engine.state.CatalogView;

/**
 * Scans the catalogue's stock counters once per sampling interval (the ops sampler's thread only) and derives what
 * the board and {@code /metrics} show of the sale: GMV, stock totals, the top-N hottest SKUs (units reserved per
 * second, an exponentially weighted average over about a minute) and the SKUs that sold out with the time they were
 * first seen sold out. A SKU whose cancelled or expired units went back on sale leaves the sold-out list.
 * <p>
 * The scan reads four counters per SKU (acquire loads, allocation-free) and keeps two primitive arrays per SKU, so a
 * million SKUs cost a few milliseconds of this thread per interval and 16 MB; the output is bounded by the top-N and
 * {@link #SOLD_OUT_LISTED}, never by the catalogue's size.
 */
final class SaleTracker
{
    /** Most sold-out SKUs listed (the count covers all). */
    static final int SOLD_OUT_LISTED = 100;
    private static final double AVERAGING_SECONDS = 60.0;

    private final int topN;
    private long[] lastTaken = new long[0];
    private double[] rate = new double[0];
    private long[] soldOutAt = new long[0];
    private final int[] top;
    private final int[] latestSoldOut = new int[SOLD_OUT_LISTED];
    private int seen;

    /**
     * @param topN how many of the hottest SKUs to report.
     */
    SaleTracker(final int topN)
    {
        this.topN = topN;
        this.top = new int[topN];
    }

    /**
     * @param catalog   the engine's latest catalogue view.
     * @param nowMillis now, epoch ms.
     * @param seconds   length of the interval since the previous call.
     * @return the figures.
     */
    SaleFigures sample(final CatalogView catalog, final long nowMillis, final double seconds)
    {
        final int skus = catalog.skuCount();
        grow(skus);
        final double weight = 1.0 - Math.exp(-seconds / AVERAGING_SECONDS);
        long gmvReserved = 0;
        long gmvPaid = 0;
        long available = 0;
        long heldUnits = 0;
        long soldUnits = 0;
        int soldOut = 0;
        int negative = 0;
        int ranked = 0;
        int listed = 0;
        for (int k = 0; k < skus; k++)
        {
            final long avail = catalog.skuAvailable(k);
            final long held = catalog.skuHeld(k);
            final long sold = catalog.skuSold(k);
            final long price = catalog.skuPrice(k);
            gmvReserved += held * price;
            gmvPaid += sold * price;
            available += avail;
            heldUnits += held;
            soldUnits += sold;
            if (avail < 0 || held < 0 || sold < 0)
            {
                negative++;
            }
            final long taken = held + sold;
            if (k < seen)
            {
                rate[k] += (Math.max(0, taken - lastTaken[k]) / seconds - rate[k]) * weight;
            }
            lastTaken[k] = taken;
            if (avail <= 0 && catalog.skuTotal(k) > 0)
            {
                soldOut++;
                if (soldOutAt[k] == 0)
                {
                    soldOutAt[k] = nowMillis;
                }
                listed = listSoldOut(k, listed);
            }
            else
            {
                soldOutAt[k] = 0;
            }
            if (taken > 0)
            {
                ranked = rank(k, ranked, lastTaken);
            }
        }
        seen = skus;
        return new SaleFigures(gmvReserved, gmvPaid, available, heldUnits, soldUnits, skus, soldOut, negative,
            hot(catalog, ranked), soldOut(catalog, listed));
    }

    /**
     * Insert sold-out SKU {@code k} into the list of the latest ones (latest first) if it sold out later than the
     * earliest listed.
     */
    private int listSoldOut(final int k, final int listed)
    {
        final int[] list = latestSoldOut;
        if (listed == list.length && soldOutAt[k] <= soldOutAt[list[listed - 1]])
        {
            return listed;
        }
        int i = listed == list.length ? listed - 1 : listed;
        while (i > 0 && soldOutAt[k] > soldOutAt[list[i - 1]])
        {
            list[i] = list[i - 1];
            i--;
        }
        list[i] = k;
        return listed == list.length ? listed : listed + 1;
    }

    /**
     * Insert SKU {@code k} into the top list (sorted hottest first) if it beats the coolest entry.
     */
    private int rank(final int k, final int ranked, final long[] taken)
    {
        if (topN == 0)
        {
            return 0;
        }
        if (ranked == topN && !hotter(k, top[ranked - 1], taken))
        {
            return ranked;
        }
        int i = ranked == topN ? ranked - 1 : ranked;
        while (i > 0 && hotter(k, top[i - 1], taken))
        {
            top[i] = top[i - 1];
            i--;
        }
        top[i] = k;
        return ranked == topN ? ranked : ranked + 1;
    }

    private boolean hotter(final int a, final int b, final long[] taken)
    {
        return rate[a] > rate[b] || rate[a] == rate[b] && taken[a] > taken[b];
    }

    private SaleFigures.HotSku[] hot(final CatalogView catalog, final int ranked)
    {
        final SaleFigures.HotSku[] hot = new SaleFigures.HotSku[ranked];
        for (int i = 0; i < ranked; i++)
        {
            final int k = top[i];
            hot[i] = new SaleFigures.HotSku(catalog.skuId(k), catalog.saleId(catalog.skuSale(k)), catalog.skuStore(k),
                catalog.skuPrice(k), catalog.skuAvailable(k), catalog.skuHeld(k), catalog.skuSold(k),
                catalog.skuTotal(k), rate[k]);
        }
        return hot;
    }

    private SaleFigures.SoldOut[] soldOut(final CatalogView catalog, final int listed)
    {
        final SaleFigures.SoldOut[] out = new SaleFigures.SoldOut[listed];
        for (int i = 0; i < listed; i++)
        {
            final int k = latestSoldOut[i];
            out[i] = new SaleFigures.SoldOut(catalog.skuId(k), catalog.skuStore(k), soldOutAt[k]);
        }
        return out;
    }

    private void grow(final int skus)
    {
        if (skus > lastTaken.length)
        {
            final int capacity = Math.max(skus, lastTaken.length * 2);
            lastTaken = Arrays.copyOf(lastTaken, capacity);
            rate = Arrays.copyOf(rate, capacity);
            soldOutAt = Arrays.copyOf(soldOutAt, capacity);
        }
    }
}
