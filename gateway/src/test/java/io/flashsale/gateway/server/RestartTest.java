package io.flashsale.gateway.server;

import static io.flashsale.gateway.support.TestNode.buy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flashsale.client.HttpConnection;
import io.flashsale.client.Response;
import io.flashsale.gateway.support.TestNode;

class RestartTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepOrdersAndIdempotencyAcrossARestart() throws Exception
    {
        final long reserved;
        final long paid;
        try (GatewayServer server = TestNode.start(dataDir);
            HttpConnection client = new HttpConnection(server.port()))
        {
            assertTrue(server.saleDefined());
            reserved = JSON.readTree(client.exchange("POST", "/v1/orders", buy(101, 42, 1, "keep-me")).body())
                .get("orderId").asLong();
            paid = JSON.readTree(client.exchange("POST", "/v1/orders", buy(102, 43, 2, "pay-me")).body())
                .get("orderId").asLong();
            assertEquals(200, client.exchange("POST", "/v1/orders/" + paid + "/pay", "{\"user\":43}").status());
        }
        try (GatewayServer server = TestNode.start(dataDir);
            HttpConnection client = new HttpConnection(server.port()))
        {
            assertFalse(server.saleDefined(), "the sale must come from the journal, not be redefined");
            final Response duplicate = client.exchange("POST", "/v1/orders", buy(101, 42, 1, "keep-me"));
            assertEquals(200, duplicate.status(), duplicate.body());
            final JsonNode order = JSON.readTree(duplicate.body());
            assertEquals(reserved, order.get("orderId").asLong());
            assertTrue(order.get("duplicate").asBoolean());
            final JsonNode paidOrder = JSON.readTree(client.exchange("GET", "/v1/orders/" + paid, null).body());
            assertEquals("PAID", paidOrder.get("status").asText());
            final JsonNode sku = JSON.readTree(client.exchange("GET", "/v1/skus/101", null).body());
            assertEquals(1, sku.get("held").asLong());
            assertEquals(1, sku.get("available").asLong());
            final Response next = client.exchange("POST", "/v1/orders", buy(101, 44, 1, "new-one"));
            assertEquals(201, next.status(), next.body());
            assertTrue(JSON.readTree(next.body()).get("orderId").asLong() > paid);
        }
    }
}
