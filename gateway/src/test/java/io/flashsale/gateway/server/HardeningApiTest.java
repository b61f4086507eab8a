package io.flashsale.gateway.server;

import static io.flashsale.gateway.support.TestNode.buy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.flashsale.client.HttpConnection;
import io.flashsale.client.Response;
import io.flashsale.engine.command.SaleLimits;
import io.flashsale.engine.pipeline.Engine;
import io.flashsale.engine.pipeline.EngineConfig;
import io.flashsale.gateway.config.SaleDefinition;
import io.flashsale.gateway.support.NodeTest;
import io.flashsale.gateway.support.TestNode;

/**
 * Over real sockets: idempotency scoped to the buyer, the per-buyer order cap, the state budget, bounded and
 * conflict-checked admin input, display names that survive a restart, and a half-installed sale that completes.
 */
class HardeningApiTest extends NodeTest
{
    private static final String AUTH = "Authorization: Bearer " + TestNode.TOKEN + "\r\n";

    private static JsonNode json(final Response r) throws Exception
    {
        return JSON.readTree(r.body());
    }

    private static JsonNode skuOf(final Response sales, final long skuId) throws Exception
    {
        for (final JsonNode sale : JSON.readTree(sales.body()))
        {
            for (final JsonNode sku : sale.get("skus"))
            {
                if (sku.get("id").asLong() == skuId)
                {
                    return sku;
                }
            }
        }
        throw new AssertionError("SKU " + skuId + " not in " + sales.body());
    }

    @Test
    void shouldScopeRequestIdsToTheBuyerAndNeverDiscloseAnotherBuyersOrder() throws Exception
    {
        final Response first = client.exchange("POST", "/v1/orders", buy(102, 7, 1, "r-1"));
        assertEquals(201, first.status(), first.body());
        final Response stranger = client.exchange("POST", "/v1/orders", buy(102, 8, 1, "r-1"));
        assertEquals(201, stranger.status(), "another buyer's request is independent: " + stranger.body());
        assertEquals(8, json(stranger).get("user").asLong());
        assertNotEquals(json(first).get("orderId").asLong(), json(stranger).get("orderId").asLong());

        final Response retry = client.exchange("POST", "/v1/orders", buy(102, 7, 1, "r-1"));
        assertEquals(200, retry.status());
        assertTrue(json(retry).get("duplicate").asBoolean());
        assertEquals(json(first).get("orderId").asLong(), json(retry).get("orderId").asLong());

        for (final String body : new String[] {buy(103, 7, 1, "r-1"), buy(102, 7, 2, "r-1")})
        {
            final Response conflict = client.exchange("POST", "/v1/orders", body);
            assertEquals(409, conflict.status(), conflict.body());
            assertEquals("IDEMPOTENCY_CONFLICT", json(conflict).get("code").asText());
            assertFalse(conflict.body().contains("orderId"), conflict.body());
        }
        assertEquals(2, json(client.exchange("GET", "/v1/skus/102", null)).get("held").asLong());
    }

    @Test
    void shouldCapOrdersPerBuyerAndSku() throws Exception
    {
        final int cap = SaleLimits.defaultMaxOrdersPerBuyer(1);
        for (int i = 0; i < cap; i++)
        {
            final Response r = client.exchange("POST", "/v1/orders", buy(101, 9, 1, "cycle-" + i));
            assertEquals(201, r.status(), r.body());
            final long id = json(r).get("orderId").asLong();
            assertEquals(200, client.exchange("POST", "/v1/orders/" + id + "/cancel", "{\"user\":9}").status());
        }
        final Response over = client.exchange("POST", "/v1/orders", buy(101, 9, 1, "cycle-" + cap));
        assertEquals(429, over.status(), over.body());
        assertEquals("ORDER_LIMIT_EXCEEDED", json(over).get("code").asText());
        assertEquals(201, client.exchange("POST", "/v1/orders", buy(101, 10, 1, "someone-else")).status());
    }

    @Test
    void shouldRefuseConflictingRedefinitionsAndOutOfRangeFieldsNamingTheField() throws Exception
    {
        final String sale = "{\"id\":50,\"name\":\"Flash\",\"opensAt\":\"now\",\"closesAt\":\"PT1H\"," +
            "\"paymentWindowSeconds\":900,\"stores\":[{\"id\":5,\"name\":\"Coach\"}]," +
            "\"skus\":[{\"id\":5001,\"store\":5,\"name\":\"Tote\",\"price\":100,\"stock\":10,\"limit\":2}]}";
        final Response created = client.exchange("POST", "/admin/sales", sale, AUTH);
        assertEquals(201, created.status(), created.body());
        final String fixedWindow = sale.replace("\"now\"", Long.toString(json(created).get("opensAt").asLong()))
            .replace("\"PT1H\"", Long.toString(json(created).get("closesAt").asLong()));
        assertEquals(201, client.exchange("POST", "/admin/sales", fixedWindow, AUTH).status(), "same again is OK");
        final Response moreStock = client.exchange("POST", "/admin/sales",
            fixedWindow.replace("\"stock\":10", "\"stock\":11"), AUTH);
        assertEquals(409, moreStock.status(), moreStock.body());
        assertEquals("CONFLICT", json(moreStock).get("code").asText());
        assertTrue(json(moreStock).get("message").asText().contains("SKU 5001"), moreStock.body());
        assertEquals(10, json(client.exchange("GET", "/v1/skus/5001", null)).get("total").asLong());

        final String[][] outOfRange = {
            {"\"paymentWindowSeconds\":900", "\"paymentWindowSeconds\":9223372036854775", "paymentWindowSeconds"},
            {"\"paymentWindowSeconds\":900", "\"paymentWindowSeconds\":0", "paymentWindowSeconds"},
            {"\"price\":100", "\"price\":100000000001", "skus[0].price"},
            {"\"price\":100", "\"price\":-1", "skus[0].price"},
            {"\"stock\":10", "\"stock\":2000000000", "skus[0].stock"},
            {"\"limit\":2", "\"limit\":10001", "skus[0].limit"},
            {"\"limit\":2", "\"limit\":10000,\"maxOrdersPerBuyer\":0", "skus[0].maxOrdersPerBuyer"},
            {"\"price\":100,\"stock\":10,\"limit\":2", "\"price\":100000000000,\"stock\":10,\"limit\":11",
                "skus[0].price x skus[0].limit"},
            {"\"opensAt\":\"now\"", "\"opensAt\":\"2200-01-01T00:00:00Z\"", "opensAt"},
            {"\"id\":5001", "\"id\":9007199254740992", "skus[0].id"},
        };
        for (final String[] c : outOfRange)
        {
            final Response r = client.exchange("POST", "/admin/sales",
                sale.replace("\"id\":50,", "\"id\":51,").replace(c[0], c[1]), AUTH);
            assertEquals(400, r.status(), c[1] + ": " + r.body());
            assertTrue(json(r).get("message").asText().startsWith(c[2]), c[1] + ": " + r.body());
        }
        assertEquals(404, client.exchange("GET", "/v1/skus/9007199254740992", null).status());
    }

    @Test
    void shouldKeepAdminDefinedNamesAcrossARestart() throws Exception
    {
        final String sale = "{\"id\":60,\"name\":\"Yacht week\",\"opensAt\":\"now\",\"closesAt\":\"PT1H\"," +
            "\"paymentWindowSeconds\":900,\"stores\":[{\"id\":6,\"name\":\"Burberry 旗舰店\"}]," +
            "\"skus\":[{\"id\":6001,\"store\":6,\"name\":\"Trench coat\",\"price\":100,\"stock\":1,\"limit\":1}]}";
        assertEquals(201, client.exchange("POST", "/admin/sales", sale, AUTH).status());
        client.close();
        server.close();
        server = TestNode.start(dataDir);
        client = new HttpConnection(server.port());
        final JsonNode sku = skuOf(client.exchange("GET", "/admin/sales", null, AUTH), 6001);
        assertEquals("Trench coat", sku.get("name").asText(), sku.toString());
        assertEquals("Burberry 旗舰店", sku.get("storeName").asText(), sku.toString());
        assertTrue(client.exchange("GET", "/v1/sales", null).body().contains("Yacht week"));
    }

    @Test
    void shouldCompleteASaleWhoseInstallationWasCutShort() throws Exception
    {
        client.close();
        server.close();
        final SaleDefinition full = TestNode.openSale(System.currentTimeMillis());
        final SaleDefinition cut = new SaleDefinition(full.id(), full.name(), full.opensAt(), full.closesAt(),
            full.paymentWindowMillis(), full.stores(), List.of(full.skus().get(0)));
        final java.nio.file.Path other = dataDir.resolve("cut");
        try (Engine engine = Engine.start(TestNode.engineConfig(other),
            r -> ((ResultListener)r.replyTo()).onResult(r)))
        {
            SaleInstaller.install(engine, cut);
        }
        server = GatewayServer.start(TestNode.gatewayConfig(), TestNode.engineConfig(other), full,
            java.util.function.UnaryOperator.identity());
        client = new HttpConnection(server.port());
        final Response sales = client.exchange("GET", "/admin/sales", null, AUTH);
        for (final SaleDefinition.Sku sku : full.skus())
        {
            final Response r = client.exchange("GET", "/v1/skus/" + sku.id(), null);
            assertEquals(200, r.status(), "SKU " + sku.id() + " completed on the next start: " + r.body());
            assertEquals(sku.stock(), json(r).get("total").asLong());
            assertEquals(sku.name(), skuOf(sales, sku.id()).get("name").asText());
        }
    }

    @Test
    void shouldRefuseNewOrdersBeyondTheStateBudgetButKeepPayAndCancel() throws Exception
    {
        client.close();
        server.close();
        final EngineConfig small = TestNode.engineConfig(dataDir.resolve("small")).maxOrders(2);
        server = TestNode.start(dataDir.resolve("small"), TestNode.gatewayConfig(), small,
            java.util.function.UnaryOperator.identity());
        client = new HttpConnection(server.port());
        final long first = json(client.exchange("POST", "/v1/orders", buy(102, 1, 1, "a"))).get("orderId").asLong();
        final long second = json(client.exchange("POST", "/v1/orders", buy(102, 2, 1, "b"))).get("orderId").asLong();
        final Response full = client.exchange("POST", "/v1/orders", buy(102, 3, 1, "c"));
        assertEquals(503, full.status(), full.body());
        assertEquals("CAPACITY_EXHAUSTED", json(full).get("code").asText());
        assertEquals(200, client.exchange("POST", "/v1/orders/" + first + "/pay", "{\"user\":1}").status());
        assertEquals(200, client.exchange("POST", "/v1/orders/" + second + "/cancel", "{\"user\":2}").status());
        assertEquals(200, client.exchange("GET", "/v1/orders/" + first, null).status());
        assertEquals(200, client.exchange("GET", "/health", null).status());
    }
}
