package io.flashsale.client;

/**
 * One SKU as {@code GET /v1/skus/{id}} reports it.
 *
 * @param sku       SKU id.
 * @param sale      sale id.
 * @param limit     per-user purchase limit.
 * @param available units on sale.
 * @param held      units in unpaid reservations.
 * @param sold      units paid.
 * @param total     initial stock.
 */
public record SkuState(long sku, long sale, long limit, long available, long held, long sold, long total)
{
}
