package io.flashsale.gateway.server;

import static io.flashsale.gateway.support.TestNode.buy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.flashsale.client.HttpConnection;
import io.flashsale.client.Response;
import io.flashsale.gateway.support.PausableSink;
import io.flashsale.gateway.support.TestNode;

/**
 * A tiny ring (4 slots) and a business thread held inside the result sink (the engine is untouched: the test wraps
 * the gateway's sink): the engine's own ticks and our buys fill the ring, and further buys must be answered 503 at
 * once, without waiting for the engine.
 */
class OverloadTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void shouldAnswer503WithRetryAfterWhenTheRingIsFull() throws Exception
    {
        final AtomicReference<PausableSink> sink = new AtomicReference<>();
        try (GatewayServer server = TestNode.start(dataDir, TestNode.gatewayConfig(),
            TestNode.engineConfig(dataDir).ringSize(4), s ->
            {
                sink.set(new PausableSink(s));
                return sink.get();
            });
            HttpConnection client = new HttpConnection(server.port()))
        {
            sink.get().pause();
            sink.get().awaitPaused();
            final long deadline = System.nanoTime() + 30_000_000_000L;
            while (server.engine().publisher().occupancy() < 4 && System.nanoTime() < deadline)
            {
                Thread.sleep(10);
            }
            assertEquals(4, server.engine().publisher().occupancy());
            final StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 5; i++)
            {
                batch.append(HttpConnection.request("POST", "/v1/orders", buy(102, 10 + i, 1, "over-" + i), ""));
            }
            client.send(batch.toString());
            for (int i = 0; i < 5; i++)
            {
                final Response r = client.read();
                assertEquals(503, r.status(), r.body());
                assertEquals("1", r.header("retry-after"));
                assertEquals("OVERLOADED", JSON.readTree(r.body()).get("code").asText());
            }
            sink.get().resume();
            // the engine drains the ring asynchronously after the resume: a real client retries a 503
            Response after = client.exchange("POST", "/v1/orders", buy(102, 10, 1, "after"));
            final long retryDeadline = System.nanoTime() + 10_000_000_000L;
            while (after.status() == 503 && System.nanoTime() < retryDeadline)
            {
                Thread.sleep(20);
                after = client.exchange("POST", "/v1/orders", buy(102, 10, 1, "after"));
            }
            assertEquals(201, after.status(), after.body());
        }
    }
}
