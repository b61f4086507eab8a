package io.flashsale.gateway.server;

import static io.flashsale.gateway.support.TestNode.buy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.flashsale.client.Response;
import io.flashsale.gateway.support.NodeTest;
import io.flashsale.gateway.support.TestNode;

class AdminApiTest extends NodeTest
{
    private static final String AUTH = "Authorization: Bearer " + TestNode.TOKEN + "\r\n";
    private static final String SALE = "{\"id\":9,\"opensAt\":0,\"closesAt\":\"2100-01-01T00:00:00Z\"," +
        "\"paymentWindowSeconds\":60,\"skus\":[{\"id\":901,\"store\":3,\"price\":500,\"stock\":1,\"limit\":1}," +
        "{\"id\":902,\"store\":3,\"price\":700,\"stock\":5,\"limit\":2}]}";

    private static String code(final Response r) throws Exception
    {
        return JSON.readTree(r.body()).get("code").asText();
    }

    @Test
    void shouldAnswer401WithoutOrWithWrongToken() throws Exception
    {
        final Response none = client.exchange("POST", "/admin/sales", SALE);
        assertEquals(401, none.status());
        assertEquals("UNAUTHORIZED", code(none));
        assertEquals("Bearer", none.header("www-authenticate"));
        final Response wrong = client.exchange("GET", "/admin/sales", null, "Authorization: Bearer nope\r\n");
        assertEquals(401, wrong.status());
        final Response basic = client.exchange("GET", "/admin/sales", null, "Authorization: Basic dGVzdA==\r\n");
        assertEquals(401, basic.status());
        assertEquals(401, client.exchange("POST", "/admin/skus/102/restock", "{\"qty\":1}").status());
    }

    @Test
    void shouldDefineASaleWithItsSkusThenSellThem() throws Exception
    {
        final Response r = client.exchange("POST", "/admin/sales", SALE, AUTH);
        assertEquals(201, r.status(), r.body());
        assertEquals(2, JSON.readTree(r.body()).get("skus").asInt());
        assertEquals(201, client.exchange("POST", "/v1/orders", buy(901, 5, 1, "new-sale")).status());
        assertEquals(409, client.exchange("POST", "/v1/orders", buy(901, 6, 1, "new-sale-2")).status());
        final Response again = client.exchange("POST", "/admin/sales", SALE, AUTH);
        assertEquals(201, again.status(), "the same definition again is accepted: " + again.body());
    }

    @Test
    void shouldAnswer409WhenRedefiningASaleWithOtherValues() throws Exception
    {
        assertEquals(201, client.exchange("POST", "/admin/sales", SALE, AUTH).status());
        final Response r = client.exchange("POST", "/admin/sales", SALE.replace("\"paymentWindowSeconds\":60",
            "\"paymentWindowSeconds\":61"), AUTH);
        assertEquals(409, r.status(), r.body());
        assertEquals("CONFLICT", code(r));
    }

    @Test
    void shouldAnswer400ForMalformedSaleDefinitions() throws Exception
    {
        final Response r = client.exchange("POST", "/admin/sales", "{\"id\":\"x\"}", AUTH);
        assertEquals(400, r.status());
        assertEquals("INVALID", code(r));
        assertEquals(400, client.exchange("POST", "/admin/sales", "{oops", AUTH).status());
        final Response window = client.exchange("POST", "/admin/sales", SALE.replace("\"opensAt\":0",
            "\"opensAt\":\"2200-01-01T00:00:00Z\"").replace("\"id\":9", "\"id\":10"), AUTH);
        assertEquals(400, window.status(), window.body());
        assertTrue(JSON.readTree(window.body()).get("message").asText().contains("opensAt"), window.body());
    }

    @Test
    void shouldRestockASku() throws Exception
    {
        client.exchange("POST", "/v1/orders", buy(101, 1, 1, "r1"));
        client.exchange("POST", "/v1/orders", buy(101, 2, 1, "r2"));
        assertEquals(409, client.exchange("POST", "/v1/orders", buy(101, 3, 1, "r3")).status());
        final Response r = client.exchange("POST", "/admin/skus/101/restock", "{\"qty\":5}", AUTH);
        assertEquals(200, r.status(), r.body());
        final JsonNode stock = JSON.readTree(r.body());
        assertEquals(5, stock.get("available").asLong());
        assertEquals(7, stock.get("total").asLong());
        assertEquals(201, client.exchange("POST", "/v1/orders", buy(101, 3, 1, "r4")).status());
        assertEquals(404, client.exchange("POST", "/admin/skus/4242/restock", "{\"qty\":5}", AUTH).status());
        assertEquals(400, client.exchange("POST", "/admin/skus/101/restock", "{\"qty\":0}", AUTH).status());
        assertEquals(400, client.exchange("POST", "/admin/skus/101/restock", "{\"qty\":\"1\"}", AUTH).status());
        final Response get = client.exchange("GET", "/admin/skus/101/restock", null, AUTH);
        assertEquals(405, get.status());
        assertEquals("POST", get.header("allow"));
    }

    @Test
    void shouldListSalesWithStockForAdmins() throws Exception
    {
        client.exchange("POST", "/v1/orders", buy(102, 1, 4, "l1"));
        final Response r = client.exchange("GET", "/admin/sales", null, AUTH);
        assertEquals(200, r.status(), r.body());
        final JsonNode sku = JSON.readTree(r.body()).get(0).get("skus").get(1);
        assertEquals(102, sku.get("id").asLong());
        assertEquals("Toothbrush", sku.get("name").asText());
        assertEquals("Test Store", sku.get("storeName").asText());
        assertEquals(996, sku.get("available").asLong());
        assertEquals(4, sku.get("held").asLong());
        final Response delete = client.exchange("DELETE", "/admin/sales", null, AUTH);
        assertEquals(405, delete.status());
        assertEquals("GET, POST", delete.header("allow"));
    }
}
