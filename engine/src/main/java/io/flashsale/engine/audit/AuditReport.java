package io.flashsale.engine.audit;

import java.util.List;

/**
 * Result of auditing a data directory.
 *
 * @param records       journal records read.
 * @param excerpts      journal excerpts read.
 * @param ordersByState order count per state: RESERVED, PAID, CANCELLED, EXPIRED.
 * @param skus          per-SKU units.
 * @param usersAtLimit  (buyer, SKU) pairs whose units equal the SKU's per-user limit.
 * @param snapshotCheck what comparing the newest snapshot with the replayed journal showed.
 * @param violations    every broken invariant or impossible record, with its journal index; empty when clean.
 */
public record AuditReport(
    long records,
    long excerpts,
    long[] ordersByState,
    List<SkuUnits> skus,
    long usersAtLimit,
    String snapshotCheck,
    List<String> violations)
{
    /**
     * Units of one SKU after the whole journal.
     *
     * @param skuId     SKU.
     * @param total     initial stock plus restocks.
     * @param available on sale.
     * @param held      in RESERVED orders.
     * @param sold      in PAID orders.
     */
    public record SkuUnits(long skuId, long total, long available, long held, long sold)
    {
    }

    /**
     * @return true when no violation was found.
     */
    public boolean clean()
    {
        return violations.isEmpty();
    }
}
