package io.flashsale.gateway.server;

import static io.flashsale.gateway.support.TestNode.buy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.flashsale.client.Response;
import io.flashsale.gateway.support.NodeTest;

class OrderApiTest extends NodeTest
{
    private static JsonNode json(final Response r) throws Exception
    {
        return JSON.readTree(r.body());
    }

    private Response post(final String path, final String body) throws Exception
    {
        return client.exchange("POST", path, body);
    }

    private static void assertError(final Response r, final int status, final String code) throws Exception
    {
        assertEquals(status, r.status(), r.body());
        final JsonNode body = json(r);
        assertEquals(code, body.get("code").asText(), r.body());
        assertTrue(body.get("message").isTextual(), r.body());
        assertEquals(2, body.size(), r.body());
        assertEquals("application/json", r.header("content-type"));
    }

    @Test
    void shouldAnswer201WithOrderWhenReserved() throws Exception
    {
        final long before = System.currentTimeMillis();
        final Response r = post("/v1/orders", buy(102, 42, 2, "req-1"));
        assertEquals(201, r.status(), r.body());
        final JsonNode order = json(r);
        assertTrue(order.get("orderId").asLong() > 0);
        assertEquals("RESERVED", order.get("status").asText());
        assertEquals(102, order.get("sku").asLong());
        assertEquals(42, order.get("user").asLong());
        assertEquals(2, order.get("qty").asInt());
        assertEquals(1999, order.get("price").asLong());
        assertTrue(order.get("paymentDeadline").asLong() >= before + 900_000);
        assertEquals("req-1", order.get("requestId").asText());
        assertFalse(order.has("duplicate"));
    }

    @Test
    void shouldAnswer200WithOriginalOrderForRepeatedRequestId() throws Exception
    {
        final JsonNode first = json(post("/v1/orders", buy(102, 42, 1, "same-id")));
        final Response again = post("/v1/orders", buy(102, 42, 1, "same-id"));
        assertEquals(200, again.status(), again.body());
        final JsonNode second = json(again);
        assertEquals(first.get("orderId").asLong(), second.get("orderId").asLong());
        assertTrue(second.get("duplicate").asBoolean());
        assertEquals("same-id", second.get("requestId").asText());
        assertEquals("RESERVED", second.get("status").asText());
    }

    @Test
    void shouldAnswer409WhenSoldOut() throws Exception
    {
        assertEquals(201, post("/v1/orders", buy(101, 1, 1, "a")).status());
        assertEquals(201, post("/v1/orders", buy(101, 2, 1, "b")).status());
        assertError(post("/v1/orders", buy(101, 3, 1, "c")), 409, "SOLD_OUT");
    }

    @Test
    void shouldAnswer429WhenOverThePerUserLimit() throws Exception
    {
        assertEquals(201, post("/v1/orders", buy(103, 5, 2, "a")).status());
        assertError(post("/v1/orders", buy(103, 5, 2, "b")), 429, "LIMIT_EXCEEDED");
    }

    @Test
    void shouldAnswer403WhenSaleNotStartedOrEnded() throws Exception
    {
        final Response early = post("/v1/orders", buy(201, 5, 1, "a"));
        assertError(early, 403, "NOT_OPEN");
        assertTrue(json(early).get("message").asText().contains("not started"));
        final Response late = post("/v1/orders", buy(301, 5, 1, "b"));
        assertError(late, 403, "NOT_OPEN");
        assertTrue(json(late).get("message").asText().contains("ended"));
    }

    @Test
    void shouldAnswer404ForUnknownSku() throws Exception
    {
        assertError(post("/v1/orders", buy(999, 5, 1, "a")), 404, "UNKNOWN_SKU");
    }

    @Test
    void shouldAnswer400ForMalformedOrWrongTypedBodies() throws Exception
    {
        assertError(post("/v1/orders", "{\"sku\":102,"), 400, "INVALID");
        assertError(post("/v1/orders", "not json"), 400, "INVALID");
        assertError(post("/v1/orders", ""), 400, "INVALID");
        assertError(post("/v1/orders", "{\"sku\":\"102\",\"user\":1,\"qty\":1,\"requestId\":\"x\"}"), 400, "INVALID");
        assertError(post("/v1/orders", "{\"sku\":102,\"user\":1,\"qty\":1.5,\"requestId\":\"x\"}"), 400, "INVALID");
        assertError(post("/v1/orders", "{\"sku\":102,\"user\":1,\"qty\":1,\"requestId\":7}"), 400, "INVALID");
        assertError(post("/v1/orders", "{\"sku\":102,\"user\":1,\"qty\":1}"), 400, "INVALID");
        assertError(post("/v1/orders", "{\"sku\":102,\"user\":1,\"qty\":3000000000,\"requestId\":\"x\"}"),
            400, "INVALID");
        final Response missing = post("/v1/orders", "{\"sku\":102,\"user\":1,\"requestId\":\"x\"}");
        assertError(missing, 400, "INVALID");
        assertEquals("missing field qty", json(missing).get("message").asText());
    }

    @Test
    void shouldAnswer400FromTheEngineForOutOfRangeValues() throws Exception
    {
        final Response zero = post("/v1/orders", buy(102, 5, 0, "a"));
        assertError(zero, 400, "INVALID");
        assertTrue(json(zero).get("message").asText().contains("quantity"));
        assertError(post("/v1/orders", buy(102, 5, 6, "b")), 400, "INVALID");
        assertError(post("/v1/orders", buy(102, -5, 1, "c")), 400, "INVALID");
        assertError(post("/v1/orders", buy(102, 5, 1, "x".repeat(65))), 400, "INVALID");
        assertError(post("/v1/orders", buy(102, 5, 1, "")), 400, "INVALID");
        assertError(post("/v1/orders", buy(102, 5, 1, "with space")), 400, "INVALID");
    }

    @Test
    void shouldPayReservedOrderOfItsBuyer() throws Exception
    {
        final long id = json(post("/v1/orders", buy(102, 42, 1, "p"))).get("orderId").asLong();
        final Response paid = post("/v1/orders/" + id + "/pay", "{\"user\":42}");
        assertEquals(200, paid.status(), paid.body());
        assertEquals("PAID", json(paid).get("status").asText());
        assertEquals(id, json(paid).get("orderId").asLong());
        final Response again = post("/v1/orders/" + id + "/pay", "{\"user\":42}");
        assertEquals(200, again.status(), "a resent pay answers as the first did: " + again.body());
        assertEquals("PAID", json(again).get("status").asText());
        assertEquals(id, json(again).get("orderId").asLong());
        final Response cancel = post("/v1/orders/" + id + "/cancel", "{\"user\":42}");
        assertError(cancel, 409, "INVALID_STATE");
        assertTrue(json(cancel).get("message").asText().contains("PAID"));
    }

    @Test
    void shouldCancelReservedOrderAndPutStockBack() throws Exception
    {
        final long id = json(post("/v1/orders", buy(101, 42, 1, "c"))).get("orderId").asLong();
        assertEquals(1, json(client.exchange("GET", "/v1/skus/101", null)).get("held").asLong());
        final Response cancelled = post("/v1/orders/" + id + "/cancel", "{\"user\":42}");
        assertEquals(200, cancelled.status(), cancelled.body());
        assertEquals("CANCELLED", json(cancelled).get("status").asText());
        final JsonNode sku = json(client.exchange("GET", "/v1/skus/101", null));
        assertEquals(2, sku.get("available").asLong());
        assertEquals(0, sku.get("held").asLong());
    }

    @Test
    void shouldAnswer403ForAnotherUsersOrderAnd404ForUnknownOrder() throws Exception
    {
        final long id = json(post("/v1/orders", buy(102, 42, 1, "o"))).get("orderId").asLong();
        assertError(post("/v1/orders/" + id + "/pay", "{\"user\":43}"), 403, "NOT_OWNER");
        assertError(post("/v1/orders/" + id + "/cancel", "{\"user\":43}"), 403, "NOT_OWNER");
        assertError(post("/v1/orders/99999/pay", "{\"user\":42}"), 404, "UNKNOWN_ORDER");
        assertError(client.exchange("GET", "/v1/orders/99999", null), 404, "UNKNOWN_ORDER");
        assertError(post("/v1/orders/" + id + "/pay", "{\"user\":\"42\"}"), 400, "INVALID");
    }

    @Test
    void shouldReturnOrderById() throws Exception
    {
        final long id = json(post("/v1/orders", buy(102, 42, 3, "g"))).get("orderId").asLong();
        final Response r = client.exchange("GET", "/v1/orders/" + id, null);
        assertEquals(200, r.status(), r.body());
        final JsonNode order = json(r);
        assertEquals(id, order.get("orderId").asLong());
        assertEquals("RESERVED", order.get("status").asText());
        assertEquals(3, order.get("qty").asInt());
        assertEquals(42, order.get("user").asLong());
    }

    @Test
    void shouldReturnSkuStock() throws Exception
    {
        post("/v1/orders", buy(102, 42, 3, "s"));
        final Response r = client.exchange("GET", "/v1/skus/102", null);
        assertEquals(200, r.status(), r.body());
        final JsonNode sku = json(r);
        assertEquals(102, sku.get("sku").asLong());
        assertEquals(1, sku.get("sale").asLong());
        assertEquals(7, sku.get("store").asLong());
        assertEquals(1999, sku.get("price").asLong());
        assertEquals(5, sku.get("limit").asInt());
        assertEquals(997, sku.get("available").asLong());
        assertEquals(3, sku.get("held").asLong());
        assertEquals(0, sku.get("sold").asLong());
        assertEquals(1000, sku.get("total").asLong());
        assertError(client.exchange("GET", "/v1/skus/4242", null), 404, "UNKNOWN_SKU");
    }

    @Test
    void shouldListSalesWithTheirSkus() throws Exception
    {
        final Response r = client.exchange("GET", "/v1/sales", null);
        assertEquals(200, r.status(), r.body());
        final JsonNode sales = json(r);
        assertEquals(3, sales.size());
        assertEquals(1, sales.get(0).get("id").asLong());
        assertEquals("test sale", sales.get(0).get("name").asText());
        assertEquals(3, sales.get(0).get("skus").size());
        assertEquals(101, sales.get(0).get("skus").get(0).asLong());
    }

    @Test
    void shouldAnswerHealth() throws Exception
    {
        final Response r = client.exchange("GET", "/health", null);
        assertEquals(200, r.status());
        assertEquals("UP", json(r).get("status").asText());
    }

    @Test
    void shouldAnswer404ForUnknownPathsAnd405WithAllowForWrongMethods() throws Exception
    {
        assertError(client.exchange("GET", "/nope", null), 404, "NOT_FOUND");
        assertError(client.exchange("GET", "/v1/orders/abc", null), 404, "NOT_FOUND");
        final Response get = client.exchange("GET", "/v1/orders", null);
        assertError(get, 405, "METHOD_NOT_ALLOWED");
        assertEquals("POST", get.header("allow"));
        final Response put = client.exchange("PUT", "/v1/skus/1", "{}");
        assertError(put, 405, "METHOD_NOT_ALLOWED");
        assertEquals("GET", put.header("allow"));
        final Response delete = client.exchange("DELETE", "/health", null);
        assertError(delete, 405, "METHOD_NOT_ALLOWED");
        assertEquals("GET", delete.header("allow"));
    }
}
