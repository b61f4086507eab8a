package io.flashsale.bench.loadgen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.flashsale.client.SkuState;

/**
 * The end-of-run audit: what the buyers were told against what the server says. Pure logic over the ledgers and two
 * stock snapshots (before and after the run), so it can be tested without a server.
 * <ul>
 *   <li>Stock: for every SKU, units in orders acknowledged RESERVED and now RESERVED or PAID (cancelled and expired
 *       ones subtracted) equal the change of the server's {@code sold + held} over the run. Buys whose connection
 *       dropped before the answer may or may not have an order: they widen the accepted range.</li>
 *   <li>No oversell: {@code sold + held <= total} and {@code sold + held + available == total}.</li>
 *   <li>Idempotency: no requestId produced two orders; every resubmission got its first order back.</li>
 *   <li>Limits: no user holds more active units of a SKU than its per-user limit.</li>
 * </ul>
 * Assumes this run was the only buyer on the node while it ran.
 */
public final class SaleAudit
{
    private SaleAudit()
    {
    }

    /**
     * One check.
     *
     * @param name   what was checked.
     * @param passed true if it held.
     * @param detail counts or the first offenders.
     */
    public record Check(String name, boolean passed, String detail)
    {
    }

    /**
     * One SKU's reconciliation.
     *
     * @param sku      SKU id.
     * @param total    initial stock.
     * @param expected units the buyers hold (acknowledged, not cancelled or expired).
     * @param unknown  units in buys without an answer.
     * @param delta    change of {@code sold + held} on the server over the run.
     * @param sold     sold at the end.
     * @param held     held at the end.
     * @param ok       true if this SKU reconciles and is not oversold.
     */
    public record SkuRow(long sku, long total, long expected, long unknown, long delta, long sold, long held,
        boolean ok)
    {
    }

    /**
     * The audit's verdict.
     *
     * @param checks the checks, in order.
     * @param skus   per-SKU rows.
     */
    public record Result(List<Check> checks, List<SkuRow> skus)
    {
        /**
         * @return true if every check passed.
         */
        public boolean passed()
        {
            return checks.stream().allMatch(Check::passed);
        }
    }

    /**
     * @param table               the SKUs, by popularity index.
     * @param before              server state per SKU id when the run started.
     * @param after               server state per SKU id after the run settled.
     * @param ledgers             every worker's acknowledged orders, states resolved (RESERVED means still held).
     * @param unknownUnits        units per SKU index in buys that got no answer.
     * @param duplicateChecks     resubmissions whose answer was checked.
     * @param duplicateViolations resubmissions answered wrongly.
     * @param violationSamples    the first offenders, for the report.
     * @return the verdict.
     */
    public static Result audit(
        final SkuTable table,
        final Map<Long, SkuState> before,
        final Map<Long, SkuState> after,
        final List<OrderLedger> ledgers,
        final long[] unknownUnits,
        final long duplicateChecks,
        final long duplicateViolations,
        final List<String> violationSamples)
    {
        final long[] expected = new long[table.size()];
        final Map<Long, Long> orderByRequest = new HashMap<>();
        final Set<Long> seenOrders = new HashSet<>();
        final Map<String, Long> unitsByUserSku = new HashMap<>();
        final List<String> twoOrders = new ArrayList<>();
        for (final OrderLedger ledger : ledgers)
        {
            for (int slot = 0; slot < ledger.size(); slot++)
            {
                final long orderId = ledger.orderId(slot);
                if (!seenOrders.add(orderId))
                {
                    continue;
                }
                final Long first = orderByRequest.putIfAbsent(ledger.request(slot), orderId);
                if (first != null && first != orderId && twoOrders.size() < 10)
                {
                    twoOrders.add("request #" + ledger.request(slot) + ": orders " + first + " and " + orderId);
                }
                final byte state = ledger.state(slot);
                if (state == OrderLedger.RESERVED || state == OrderLedger.PAID)
                {
                    expected[ledger.skuIndex(slot)] += ledger.qty(slot);
                    unitsByUserSku.merge(ledger.user(slot) + "/" + ledger.skuIndex(slot), (long)ledger.qty(slot),
                        Long::sum);
                }
            }
        }
        final List<Check> checks = new ArrayList<>();
        final List<SkuRow> rows = new ArrayList<>();
        int mismatched = 0;
        int oversold = 0;
        final StringBuilder offenders = new StringBuilder();
        for (int i = 0; i < table.size(); i++)
        {
            final long id = table.id(i);
            final SkuState b = before.get(id);
            final SkuState a = after.get(id);
            if (a == null || b == null)
            {
                checks.add(new Check("stock of SKU " + id, false, "no server state"));
                continue;
            }
            final long delta = a.sold() + a.held() - (b.sold() + b.held());
            final boolean reconciles = delta >= expected[i] && delta <= expected[i] + unknownUnits[i];
            final boolean withinStock = a.sold() + a.held() <= a.total() &&
                a.sold() + a.held() + a.available() == a.total();
            mismatched += reconciles ? 0 : 1;
            oversold += withinStock ? 0 : 1;
            if ((!reconciles || !withinStock) && offenders.length() < 400)
            {
                offenders.append(String.format(" sku %d: buyers hold %d (+%d unknown), server sold+held moved %d," +
                    " sold %d held %d available %d total %d;", id, expected[i], unknownUnits[i], delta, a.sold(),
                    a.held(), a.available(), a.total()));
            }
            rows.add(new SkuRow(id, a.total(), expected[i], unknownUnits[i], delta, a.sold(), a.held(),
                reconciles && withinStock));
        }
        checks.add(new Check("acknowledged units = server sold+held, per SKU", mismatched == 0,
            mismatched == 0 ? table.size() + " SKUs reconcile" : mismatched + " SKUs differ:" + offenders));
        checks.add(new Check("no SKU oversold (sold+held <= total, sold+held+available = total)", oversold == 0,
            oversold == 0 ? "none oversold" : oversold + " SKUs broken:" + offenders));
        final boolean idempotent = duplicateViolations == 0 && twoOrders.isEmpty();
        final List<String> samples = new ArrayList<>(violationSamples);
        samples.addAll(twoOrders);
        checks.add(new Check("no requestId produced two orders; resubmissions got their first order", idempotent,
            duplicateChecks + " resubmissions checked, " + (duplicateViolations + twoOrders.size()) + " violations" +
            (samples.isEmpty() ? "" : ": " + String.join("; ", samples))));
        checks.add(limitCheck(table, unitsByUserSku));
        return new Result(checks, rows);
    }

    private static Check limitCheck(final SkuTable table, final Map<String, Long> unitsByUserSku)
    {
        int over = 0;
        String first = "";
        for (final Map.Entry<String, Long> e : unitsByUserSku.entrySet())
        {
            final int skuIndex = Integer.parseInt(e.getKey().substring(e.getKey().indexOf('/') + 1));
            if (e.getValue() > table.limit(skuIndex))
            {
                if (over++ == 0)
                {
                    first = ": user/sku " + e.getKey().substring(0, e.getKey().indexOf('/')) + "/" +
                        table.id(skuIndex) + " holds " + e.getValue() + " > limit " + table.limit(skuIndex);
                }
            }
        }
        return new Check("no user above the per-user limit", over == 0,
            unitsByUserSku.size() + " buyer/SKU pairs, " + over + " over the limit" + first);
    }
}
