package io.flashsale.engine.state;

import java.util.ArrayList;
import java.util.List;

import io.flashsale.engine.command.OrderState;

/**
 * Checks the sale's invariants on a state, recomputing every counter from the orders:
 * <ul>
 *   <li>per SKU: sold + held + available = initial stock + restocks, held = units of RESERVED orders,
 *       sold = units of PAID orders, nothing negative;</li>
 *   <li>no buyer above the per-user limit (units of RESERVED + PAID orders);</li>
 *   <li>no request id with two orders.</li>
 * </ul>
 * For tests and the audit tool; allocates, not for the hot path.
 */
public final class Invariants
{
    private static final int MAX_REPORTED = 100;

    private Invariants()
    {
    }

    /**
     * @param state the state to check (owned by the calling thread).
     * @return violations found, empty when all invariants hold (at most 100 are listed).
     */
    public static List<String> violations(final EngineState state)
    {
        final List<String> out = new ArrayList<>();
        final Catalog catalog = state.catalog();
        final OrderStore orders = state.orders();
        final long[] held = new long[catalog.skuCount()];
        final long[] sold = new long[catalog.skuCount()];
        final org.agrona.collections.Long2LongHashMap units = new org.agrona.collections.Long2LongHashMap(0);
        for (long o = 1; o <= orders.count(); o++)
        {
            final int sku = orders.sku(o);
            final byte s = orders.state(o);
            if (s == OrderState.RESERVED.code())
            {
                held[sku] += orders.quantity(o);
            }
            else if (s == OrderState.PAID.code())
            {
                sold[sku] += orders.quantity(o);
            }
            if (s == OrderState.RESERVED.code() || s == OrderState.PAID.code())
            {
                final long key = EngineState.userSkuKey(orders.user(o), sku);
                final long total = units.get(key) + orders.quantity(o);
                units.put(key, total);
                if (total > catalog.skuLimit(sku) && out.size() < MAX_REPORTED)
                {
                    out.add("user " + orders.user(o) + " holds " + total + " units of SKU " + catalog.skuId(sku) +
                        ", limit " + catalog.skuLimit(sku));
                }
            }
        }
        for (int i = 0; i < catalog.skuCount() && out.size() < MAX_REPORTED; i++)
        {
            final long available = catalog.skuAvailable(i);
            if (available < 0 || catalog.skuHeld(i) != held[i] || catalog.skuSold(i) != sold[i] ||
                catalog.skuSold(i) + catalog.skuHeld(i) + available != catalog.skuTotal(i))
            {
                out.add("SKU " + catalog.skuId(i) + ": total " + catalog.skuTotal(i) + ", available " + available +
                    ", held " + catalog.skuHeld(i) + " (orders say " + held[i] + "), sold " + catalog.skuSold(i) +
                    " (orders say " + sold[i] + ")");
            }
        }
        if (state.requestIndex().size() != orders.count())
        {
            out.add("idempotency index holds " + state.requestIndex().size() + " ids for " + orders.count() +
                " orders: a request id maps to more than one order or none");
        }
        return out;
    }
}
