package io.flashsale.gateway.server;

import static io.flashsale.gateway.support.TestNode.buy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.flashsale.client.Response;
import io.flashsale.gateway.support.ErrorAssertions;
import io.flashsale.gateway.support.NodeTest;
import io.flashsale.gateway.support.TestNode;

/**
 * What a buyer cannot do: pay or cancel another buyer's order, change stock or prices through any buyer or admin
 * path without the token, or sneak a price into a buy. Each refusal leaves the order and the stock exactly as they
 * were, and no error body shows internal detail.
 */
class BuyerIsolationTest extends NodeTest
{
    @Test
    void shouldRefuseToPayOrCancelAnotherBuyersOrderAndLeaveItUnchanged() throws Exception
    {
        final Response bought = client.exchange("POST", "/v1/orders", buy(103, 42, 2, "owner-1"));
        assertEquals(201, bought.status(), bought.body());
        final long id = JSON.readTree(bought.body()).get("orderId").asLong();
        final String orderBefore = client.exchange("GET", "/v1/orders/" + id, null).body();
        final String stockBefore = client.exchange("GET", "/v1/skus/103", null).body();
        for (final String action : new String[] {"pay", "cancel"})
        {
            for (final long stranger : new long[] {43, 1, 1L << 39})
            {
                final Response r = client.exchange("POST", "/v1/orders/" + id + "/" + action,
                    "{\"user\":" + stranger + "}");
                assertEquals(403, r.status(), r.body());
                assertEquals("NOT_OWNER", JSON.readTree(r.body()).get("code").asText());
                ErrorAssertions.assertClientError(r, action + " by " + stranger);
            }
        }
        assertEquals(orderBefore, client.exchange("GET", "/v1/orders/" + id, null).body());
        assertEquals(stockBefore, client.exchange("GET", "/v1/skus/103", null).body());
        final Response paid = client.exchange("POST", "/v1/orders/" + id + "/pay", "{\"user\":42}");
        assertEquals(200, paid.status(), paid.body());
        final Response cancelAfterPay = client.exchange("POST", "/v1/orders/" + id + "/cancel", "{\"user\":43}");
        assertEquals(403, cancelAfterPay.status(), cancelAfterPay.body());
        assertEquals("PAID", JSON.readTree(client.exchange("GET", "/v1/orders/" + id, null).body())
            .get("status").asText());
    }

    @Test
    void shouldNotLetBuyersChangeStockOrPrices() throws Exception
    {
        final String stockBefore = client.exchange("GET", "/v1/skus/102", null).body();
        final String[][] attempts = {
            {"PUT", "/v1/skus/102", "{\"stock\":1000000,\"price\":1}"},
            {"POST", "/v1/skus/102", "{\"stock\":1000000,\"price\":1}"},
            {"PATCH", "/v1/skus/102", "{\"price\":1}"},
            {"DELETE", "/v1/skus/102", null},
            {"POST", "/admin/skus/102/restock", "{\"quantity\":1000000}"},
            {"POST", "/admin/sales", "{\"id\":1,\"opensAt\":0,\"closesAt\":1,\"skus\":[]}"},
            {"POST", "/v1/orders", "{\"sku\":102,\"user\":42,\"qty\":1,\"requestId\":\"p\",\"price\":1}"},
        };
        for (final String[] a : attempts)
        {
            final Response r = client.exchange(a[0], a[1], a[2]);
            ErrorAssertions.assertClientError(r, a[0] + " " + a[1]);
        }
        final Response wrongToken = client.exchange("POST", "/admin/skus/102/restock", "{\"quantity\":5}",
            "Authorization: Bearer " + TestNode.TOKEN + "x\r\n");
        assertEquals(401, wrongToken.status(), wrongToken.body());
        assertEquals(stockBefore, client.exchange("GET", "/v1/skus/102", null).body());
        final JsonNode order = JSON.readTree(client.exchange("POST", "/v1/orders", buy(102, 42, 1, "p")).body());
        assertEquals(1999, order.get("price").asLong(), "the catalogue price, whatever the buyer sent before");
    }
}
