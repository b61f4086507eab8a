package io.flashsale.engine.state;

import io.flashsale.engine.command.LabelKind;

/**
 * Compares two engine states field by field: catalogue, stock counters, every order, request ids, per-user units and
 * the idempotency index. Used by replay tests and the audit tool; not for the hot path.
 */
public final class StateDiff
{
    private StateDiff()
    {
    }

    /**
     * @param a one state.
     * @param b another.
     * @return null if they are equal, else a description of the first difference found.
     */
    public static String firstDifference(final EngineState a, final EngineState b)
    {
        final String catalog = catalogDifference(a.catalog(), b.catalog());
        if (catalog != null)
        {
            return catalog;
        }
        final String orders = orderDifference(a, b);
        if (orders != null)
        {
            return orders;
        }
        if (a.requestIndex().size() != b.requestIndex().size())
        {
            return "request index size " + a.requestIndex().size() + " vs " + b.requestIndex().size();
        }
        if (a.buyerSkuPairs() != b.buyerSkuPairs())
        {
            return "buyer/SKU pairs " + a.buyerSkuPairs() + " vs " + b.buyerSkuPairs();
        }
        for (final int kind : new int[] {LabelKind.SALE, LabelKind.STORE, LabelKind.SKU})
        {
            if (!a.labels().of(kind).equals(b.labels().of(kind)))
            {
                return "names of kind " + kind + " differ: " + a.labels().of(kind) + " vs " + b.labels().of(kind);
            }
        }
        if (a.lastTimestamp() != b.lastTimestamp())
        {
            return "last timestamp " + a.lastTimestamp() + " vs " + b.lastTimestamp();
        }
        return null;
    }

    private static String catalogDifference(final Catalog a, final Catalog b)
    {
        if (a.saleCount() != b.saleCount())
        {
            return "sale count " + a.saleCount() + " vs " + b.saleCount();
        }
        for (int i = 0; i < a.saleCount(); i++)
        {
            if (a.saleId(i) != b.saleId(i) || a.saleOpenAt(i) != b.saleOpenAt(i) ||
                a.saleCloseAt(i) != b.saleCloseAt(i) || a.salePaymentWindow(i) != b.salePaymentWindow(i) ||
                a.saleSkuCount(i) != b.saleSkuCount(i))
            {
                return "sale at index " + i + " differs (id " + a.saleId(i) + " vs " + b.saleId(i) + ")";
            }
        }
        if (a.skuCount() != b.skuCount())
        {
            return "SKU count " + a.skuCount() + " vs " + b.skuCount();
        }
        for (int i = 0; i < a.skuCount(); i++)
        {
            if (a.skuId(i) != b.skuId(i) || a.skuSale(i) != b.skuSale(i) || a.skuStore(i) != b.skuStore(i) ||
                a.skuPrice(i) != b.skuPrice(i) || a.skuLimit(i) != b.skuLimit(i) ||
                a.skuInitial(i) != b.skuInitial(i) || a.skuMaxOrders(i) != b.skuMaxOrders(i))
            {
                return "SKU definition at index " + i + " differs (id " + a.skuId(i) + ")";
            }
            if (a.skuTotal(i) != b.skuTotal(i) || a.skuAvailable(i) != b.skuAvailable(i) ||
                a.skuHeld(i) != b.skuHeld(i) || a.skuSold(i) != b.skuSold(i))
            {
                return "SKU " + a.skuId(i) + " stock " + stock(a, i) + " vs " + stock(b, i);
            }
        }
        return null;
    }

    private static String stock(final Catalog c, final int i)
    {
        return "total=" + c.skuTotal(i) + " available=" + c.skuAvailable(i) + " held=" + c.skuHeld(i) +
            " sold=" + c.skuSold(i);
    }

    private static String orderDifference(final EngineState a, final EngineState b)
    {
        final OrderStore oa = a.orders();
        final OrderStore ob = b.orders();
        if (oa.count() != ob.count())
        {
            return "order count " + oa.count() + " vs " + ob.count();
        }
        final byte[] ida = new byte[64];
        final byte[] idb = new byte[64];
        for (long o = 1; o <= oa.count(); o++)
        {
            if (oa.user(o) != ob.user(o) || oa.sku(o) != ob.sku(o) || oa.quantity(o) != ob.quantity(o) ||
                oa.state(o) != ob.state(o) || oa.deadline(o) != ob.deadline(o))
            {
                return "order " + o + " differs";
            }
            final int la = a.requestIds().copy(oa.requestIdRef(o), ida, 0);
            final int lb = b.requestIds().copy(ob.requestIdRef(o), idb, 0);
            if (!java.util.Arrays.equals(ida, 0, la, idb, 0, lb))
            {
                return "order " + o + " request id differs";
            }
            final long user = oa.user(o);
            if (a.units(user, oa.sku(o)) != b.units(user, ob.sku(o)) ||
                a.orderCount(user, oa.sku(o)) != b.orderCount(user, ob.sku(o)))
            {
                return "units or order count of user " + user + " differ";
            }
            if (a.requestIndex().find(user, ida, la, a.requestIndex().hash(user, ida, la)) != o ||
                b.requestIndex().find(user, idb, lb, b.requestIndex().hash(user, idb, lb)) != o)
            {
                return "idempotency index does not map order " + o + "'s request id back to it";
            }
        }
        return null;
    }
}
