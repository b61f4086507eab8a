package io.flashsale.gateway.server;

/**
 * The read-only endpoints that do not go through the ring ({@code /health}, {@code /metrics} and the like): one set
 * for a single node ({@link OpsApi}), one for a cluster gateway ({@link ClusterOpsApi}). Thread-safe; event loops.
 */
interface OpsEndpoints
{
    /**
     * Answer a request for a path no other endpoint owns (404 if none of these).
     *
     * @param r    the connection's responder.
     * @param seq  the request's sequence.
     * @param path the path, query stripped.
     * @param uri  the whole request target (for a query string).
     * @param get  true for GET.
     */
    void route(Responder r, long seq, String path, String uri, boolean get);

    /**
     * @param uri a request target.
     * @return its query string, or null if it has none.
     */
    static String query(final String uri)
    {
        final int q = uri.indexOf('?');
        return q < 0 ? null : uri.substring(q + 1);
    }
}
