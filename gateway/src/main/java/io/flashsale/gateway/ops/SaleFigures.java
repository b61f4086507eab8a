package io.flashsale.gateway.ops;

/**
 * The sale as the ops sampler last saw it in the catalogue: stock and GMV totals over every SKU, the hottest SKUs and
 * the SKUs that sold out. Immutable; any thread. Money is in minor units (cents) of the node's display currency.
 *
 * @param gmvReservedMinor value of the units held by unpaid (RESERVED) orders.
 * @param gmvPaidMinor     value of the units in PAID orders.
 * @param unitsAvailable   units still on sale.
 * @param unitsHeld        units held by unpaid orders.
 * @param unitsSold        units paid.
 * @param skus             SKUs in the catalogue.
 * @param skusSoldOut      SKUs with stock whose every unit is held or sold.
 * @param skusNegative     SKUs with a negative stock counter (an invariant broken; always 0 unless a bug).
 * @param hot              the hottest SKUs, hottest first (at most the configured top-N).
 * @param soldOut          the SKUs sold out now, latest first (at most {@link SaleTracker#SOLD_OUT_LISTED}).
 */
public record SaleFigures(
    long gmvReservedMinor,
    long gmvPaidMinor,
    long unitsAvailable,
    long unitsHeld,
    long unitsSold,
    int skus,
    int skusSoldOut,
    int skusNegative,
    HotSku[] hot,
    SoldOut[] soldOut)
{
    /** Before the first sample. */
    public static final SaleFigures EMPTY = new SaleFigures(0, 0, 0, 0, 0, 0, 0, 0, new HotSku[0], new SoldOut[0]);

    /**
     * One of the hottest SKUs.
     *
     * @param sku            its id.
     * @param sale           its sale's id.
     * @param store          its store's id.
     * @param priceMinor     unit price, minor units.
     * @param available      units on sale.
     * @param held           units held by unpaid orders.
     * @param sold           units paid.
     * @param total          initial stock plus restocks.
     * @param takenPerSecond units reserved per second, averaged over about a minute.
     */
    public record HotSku(
        long sku, long sale, long store, long priceMinor, long available, long held, long sold, long total,
        double takenPerSecond)
    {
    }

    /**
     * A SKU that sold out.
     *
     * @param sku      its id.
     * @param store    its store's id.
     * @param atMillis when the sampler first saw it sold out (epoch ms, to the sampling interval).
     */
    public record SoldOut(long sku, long store, long atMillis)
    {
    }
}
