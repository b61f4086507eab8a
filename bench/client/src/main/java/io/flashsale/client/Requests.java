package io.flashsale.client;

/**
 * The gateway's buyer-facing request paths and bodies as text, for blocking callers ({@link HttpConnection}): the
 * crash harness and tests. The load generator writes the same requests as bytes with {@link RequestWriter}.
 */
public final class Requests
{
    /** {@code POST}: place an order (body {@link #buy}); {@code GET /v1/orders/{id}}: read one. */
    public static final String ORDERS = "/v1/orders";
    /** {@code GET}: the node's health. */
    public static final String HEALTH = "/health";

    private Requests()
    {
    }

    /**
     * @param sku       SKU id.
     * @param user      buyer id.
     * @param qty       units.
     * @param requestId the buyer's idempotency key (printable ASCII without quotes).
     * @return the body of {@code POST /v1/orders}.
     */
    public static String buy(final long sku, final long user, final int qty, final String requestId)
    {
        return "{\"sku\":" + sku + ",\"user\":" + user + ",\"qty\":" + qty + ",\"requestId\":\"" + requestId + "\"}";
    }

    /**
     * @param user the order's buyer.
     * @return the body of a pay or cancel.
     */
    public static String owner(final long user)
    {
        return "{\"user\":" + user + "}";
    }

    /**
     * @param orderId order id.
     * @return the path of {@code GET} for that order.
     */
    public static String order(final long orderId)
    {
        return ORDERS + "/" + orderId;
    }

    /**
     * @param orderId order id.
     * @return the path of {@code POST} paying that order.
     */
    public static String pay(final long orderId)
    {
        return order(orderId) + "/pay";
    }

    /**
     * @param orderId order id.
     * @return the path of {@code POST} cancelling that order.
     */
    public static String cancel(final long orderId)
    {
        return order(orderId) + "/cancel";
    }

    /**
     * @param skuId SKU id.
     * @return the path of {@code GET} for that SKU's stock.
     */
    public static String sku(final long skuId)
    {
        return "/v1/skus/" + skuId;
    }
}
