package io.flashsale.gateway.server;

/**
 * The sales a gateway lists on {@code GET /v1/sales} and {@code GET /admin/sales}: the engine's catalogue on a single
 * node ({@link SalesView}), the installed sale definition in cluster mode ({@link ClusterSalesListing}). Thread-safe.
 */
interface SalesListing
{
    /**
     * @param detailed true for the admin view: SKU objects; false for the public view: SKU ids only.
     * @return a JSON array, UTF-8.
     */
    byte[] json(boolean detailed);
}
