package io.flashsale.bench.loadgen;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.flashsale.client.SkuState;

/**
 * The SKUs on sale as the load generator learned them at start, ranked by popularity: the scarcest lots (smallest
 * stock: the limited editions) rank first, so the Zipf head lands on them. Immutable after construction.
 */
public final class SkuTable
{
    private final long[] ids;
    private final int[] limits;
    private final long[] totals;

    /**
     * @param skus the SKUs in any order.
     */
    public SkuTable(final List<SkuState> skus)
    {
        if (skus.isEmpty())
        {
            throw new IllegalArgumentException("no SKUs on sale");
        }
        final List<SkuState> ranked = new ArrayList<>(skus);
        ranked.sort(Comparator.comparingLong(SkuState::total).thenComparingLong(SkuState::sku));
        ids = new long[ranked.size()];
        limits = new int[ranked.size()];
        totals = new long[ranked.size()];
        for (int i = 0; i < ids.length; i++)
        {
            ids[i] = ranked.get(i).sku();
            limits[i] = (int)Math.max(1, Math.min(Integer.MAX_VALUE, ranked.get(i).limit()));
            totals[i] = ranked.get(i).total();
        }
    }

    /**
     * @return number of SKUs.
     */
    public int size()
    {
        return ids.length;
    }

    /**
     * @param index popularity rank (0 = hottest).
     * @return SKU id.
     */
    public long id(final int index)
    {
        return ids[index];
    }

    /**
     * @param index popularity rank.
     * @return per-user purchase limit.
     */
    public int limit(final int index)
    {
        return limits[index];
    }

    /**
     * @param index popularity rank.
     * @return initial stock.
     */
    public long total(final int index)
    {
        return totals[index];
    }

    /**
     * @param skuId SKU id.
     * @return its rank, or -1.
     */
    public int indexOf(final long skuId)
    {
        for (int i = 0; i < ids.length; i++)
        {
            if (ids[i] == skuId)
            {
                return i;
            }
        }
        return -1;
    }
}
