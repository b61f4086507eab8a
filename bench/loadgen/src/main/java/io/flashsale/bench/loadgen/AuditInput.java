package io.flashsale.bench.loadgen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.flashsale.client.SkuState;

/**
 * What the end-of-run audit needs from the generators: the SKUs and their server state before the run, every
 * acknowledged order, the units of buys that got no answer, and the resubmission checks. One run's input, or the sum
 * of several parts' (see {@link #combine}). Written to and read from a part's ledger file by {@link LedgerFile}.
 * Mutable only through {@link LoadGenerator#settle} (order states); not thread-safe.
 *
 * @param before              server state of every SKU on sale when the run started.
 * @param ledgers             acknowledged orders.
 * @param unknownUnitsBySku   units in buys without an answer, per SKU id.
 * @param duplicateChecks     resubmissions checked.
 * @param duplicateViolations resubmissions answered wrongly.
 * @param violationSamples    the first offenders.
 */
public record AuditInput(
    Map<Long, SkuState> before,
    List<OrderLedger> ledgers,
    Map<Long, Long> unknownUnitsBySku,
    long duplicateChecks,
    long duplicateViolations,
    List<String> violationSamples)
{
    /**
     * @return the SKUs, ranked as the generators rank them.
     */
    public SkuTable skus()
    {
        return new SkuTable(new ArrayList<>(before.values()));
    }

    /**
     * @param table the SKU table the ledgers' indexes refer to.
     * @return units without an answer per SKU index of that table.
     */
    public long[] unknownUnits(final SkuTable table)
    {
        final long[] units = new long[table.size()];
        for (int i = 0; i < units.length; i++)
        {
            units[i] = unknownUnitsBySku.getOrDefault(table.id(i), 0L);
        }
        return units;
    }

    /**
     * Several parts of one schedule as one run: ledgers side by side, counters summed, the earliest part's before
     * state (every part takes it before the common start, when no part has bought yet).
     *
     * @param parts the parts' inputs, first one first.
     * @return the combined input.
     */
    public static AuditInput combine(final List<AuditInput> parts)
    {
        final List<OrderLedger> ledgers = new ArrayList<>();
        final Map<Long, Long> unknown = new HashMap<>();
        final List<String> samples = new ArrayList<>();
        long checks = 0;
        long violations = 0;
        for (final AuditInput part : parts)
        {
            ledgers.addAll(part.ledgers());
            part.unknownUnitsBySku().forEach((sku, units) -> unknown.merge(sku, units, Long::sum));
            samples.addAll(part.violationSamples());
            checks += part.duplicateChecks();
            violations += part.duplicateViolations();
        }
        return new AuditInput(parts.get(0).before(), ledgers, unknown, checks, violations, samples);
    }
}
