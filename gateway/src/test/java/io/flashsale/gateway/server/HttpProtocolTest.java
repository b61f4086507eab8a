package io.flashsale.gateway.server;

import static io.flashsale.gateway.support.TestNode.buy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.flashsale.client.HttpConnection;
import io.flashsale.client.Response;
import io.flashsale.gateway.config.GatewayConfig;
import io.flashsale.gateway.support.TestNode;

class HttpProtocolTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private GatewayServer server;

    @AfterEach
    void stop()
    {
        if (server != null)
        {
            server.close();
        }
    }

    private void start(final GatewayConfig config) throws Exception
    {
        server = TestNode.start(dataDir, config, TestNode.engineConfig(dataDir), UnaryOperator.identity());
    }

    private static String code(final Response r) throws Exception
    {
        return JSON.readTree(r.body()).get("code").asText();
    }

    @Test
    void shouldServeManyRequestsOnOneKeepAliveConnection() throws Exception
    {
        start(TestNode.gatewayConfig());
        try (HttpConnection client = new HttpConnection(server.port()))
        {
            for (int i = 0; i < 50; i++)
            {
                final Response r = client.exchange("POST", "/v1/orders", buy(102, 1000 + i, 1, "k" + i));
                assertEquals(201, r.status(), r.body());
                assertEquals(null, r.header("connection"));
            }
            assertEquals(200, client.exchange("GET", "/health", null).status());
        }
    }

    @Test
    void shouldAnswerPipelinedRequestsInRequestOrder() throws Exception
    {
        start(TestNode.gatewayConfig());
        try (HttpConnection client = new HttpConnection(server.port()))
        {
            final StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 20; i++)
            {
                batch.append(HttpConnection.request("POST", "/v1/orders", buy(102, 2000 + i, 1, "pipe-" + i), ""));
                batch.append(HttpConnection.request("GET", "/health", null, ""));
                batch.append(HttpConnection.request("GET", "/v1/skus/999", null, ""));
            }
            client.send(batch.toString());
            for (int i = 0; i < 20; i++)
            {
                final Response order = client.read();
                assertEquals(201, order.status(), order.body());
                assertEquals("pipe-" + i, JSON.readTree(order.body()).get("requestId").asText());
                assertEquals(2000 + i, JSON.readTree(order.body()).get("user").asLong());
                final Response health = client.read();
                assertEquals(200, health.status());
                assertTrue(health.body().contains("UP"));
                final Response sku = client.read();
                assertEquals(404, sku.status());
                assertEquals("UNKNOWN_SKU", code(sku));
            }
        }
    }

    @Test
    void shouldAnswer413ForOversizedBody() throws Exception
    {
        start(TestNode.gatewayConfig().maxBodyBytes(1024));
        try (HttpConnection client = new HttpConnection(server.port()))
        {
            final String big = "{\"sku\":102,\"user\":1,\"qty\":1,\"requestId\":\"" + "x".repeat(2000) + "\"}";
            final Response r = client.exchange("POST", "/v1/orders", big);
            assertEquals(413, r.status());
            assertEquals("PAYLOAD_TOO_LARGE", code(r));
            assertTrue(client.closedByServer());
        }
        try (HttpConnection client = new HttpConnection(server.port()))
        {
            final String chunked = "POST /v1/orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
                "400\r\n" + "x".repeat(1024) + "\r\n400\r\n" + "y".repeat(1024) + "\r\n0\r\n\r\n";
            client.send(chunked);
            final Response r = client.read();
            assertEquals(413, r.status());
            assertEquals("PAYLOAD_TOO_LARGE", code(r));
        }
    }

    @Test
    void shouldAcceptChunkedBodyWithinTheLimit() throws Exception
    {
        start(TestNode.gatewayConfig());
        try (HttpConnection client = new HttpConnection(server.port()))
        {
            final String body = buy(102, 77, 1, "chunky");
            final String first = body.substring(0, 10);
            final String rest = body.substring(10);
            client.send("POST /v1/orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
                Integer.toHexString(first.length()) + "\r\n" + first + "\r\n" +
                Integer.toHexString(rest.length()) + "\r\n" + rest + "\r\n0\r\n\r\n");
            final Response r = client.read();
            assertEquals(201, r.status(), r.body());
        }
    }

    @Test
    void shouldAnswer431ForOversizedHeaders() throws Exception
    {
        start(TestNode.gatewayConfig().maxHeaderBytes(1024));
        try (HttpConnection client = new HttpConnection(server.port()))
        {
            final Response r = client.exchange("GET", "/health", null, "X-Big: " + "a".repeat(4000) + "\r\n");
            assertEquals(431, r.status());
            assertEquals("HEADERS_TOO_LARGE", code(r));
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void shouldAnswer400ForGarbageInsteadOfHttp() throws Exception
    {
        start(TestNode.gatewayConfig());
        try (HttpConnection client = new HttpConnection(server.port()))
        {
            client.send("\u0001\u0002 garbage garbage\r\n\r\n");
            final Response r = client.read();
            assertTrue(r.status() == 400 || r.status() == 414, r.toString());
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void shouldCloseAfterResponseWhenClientAsksForClose() throws Exception
    {
        start(TestNode.gatewayConfig());
        try (HttpConnection client = new HttpConnection(server.port()))
        {
            final Response r = client.exchange("GET", "/health", null, "Connection: close\r\n");
            assertEquals(200, r.status());
            assertEquals("close", r.header("connection"));
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void shouldAnswer408AndCloseSlowRequests() throws Exception
    {
        start(TestNode.gatewayConfig().readTimeoutSeconds(1));
        try (HttpConnection client = new HttpConnection(server.port()))
        {
            client.send("POST /v1/orders HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"sku\":");
            final Response r = client.read();
            assertEquals(408, r.status());
            assertEquals("REQUEST_TIMEOUT", code(r));
            assertTrue(client.closedByServer());
        }
        try (HttpConnection client = new HttpConnection(server.port()))
        {
            client.send("GET /hea");
            assertEquals(408, client.read().status());
        }
    }

    @Test
    void shouldAnswer408ToAPartialRequestThatFollowsCompleteOnesInTheSameRead() throws Exception
    {
        start(TestNode.gatewayConfig().readTimeoutSeconds(1).idleTimeoutSeconds(5));
        final String[] partials = {"GET /hea", "GET /health HTTP/1.1\r\nHost: x\r\n"};
        for (int p = 0; p < partials.length; p++)
        {
            final String[][] cases = {
                {"GET /health HTTP/1.1\r\nHost: x\r\n\r\n", "200"},
                {HttpConnection.request("POST", "/v1/orders", buy(102, 40 + p, 1, "body-then-partial-" + p), ""),
                    "201"},
                {"POST /v1/orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
                    chunked(buy(102, 45 + p, 1, "chunked-then-partial-" + p)) + "0\r\nX-Trailer: t\r\n\r\n", "201"},
            };
            for (final String[] c : cases)
            {
                try (HttpConnection client = new HttpConnection(server.port()))
                {
                    client.send(c[0] + partials[p]);
                    final Response first = client.read();
                    assertEquals(Integer.parseInt(c[1]), first.status(), first.body());
                    final Response timeout = client.read();
                    assertEquals(408, timeout.status(), "partial '" + partials[p].trim() + "' after " + c[1]);
                    assertEquals("REQUEST_TIMEOUT", code(timeout));
                    assertTrue(client.closedByServer());
                }
            }
        }
    }

    @Test
    void shouldCloseAConnectionIdleAfterCompleteRequestsWithout408() throws Exception
    {
        start(TestNode.gatewayConfig().readTimeoutSeconds(1).idleTimeoutSeconds(3));
        final String body = buy(102, 51, 1, "idle-after-body");
        final String withCrLfInBody = "{\"sku\":102,\r\n\r\n\"user\":52,\"qty\":1,\"requestId\":\"idle-crlf\"}";
        final String batch = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n" +
            HttpConnection.request("POST", "/v1/orders", body, "") +
            HttpConnection.request("POST", "/v1/orders", withCrLfInBody, "") +
            "POST /v1/orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
            chunked(buy(102, 53, 1, "idle-chunked")) + "0\r\n\r\n\r\n";
        try (HttpConnection client = new HttpConnection(server.port()))
        {
            client.send(batch.substring(0, 20));
            client.send(batch.substring(20, batch.length() - 30));
            client.send(batch.substring(batch.length() - 30));
            assertEquals(200, client.read().status());
            for (int i = 0; i < 3; i++)
            {
                final Response r = client.read();
                assertEquals(201, r.status(), r.body());
            }
            assertTrue(client.closedByServer(), "closed silently by the idle timeout, no 408");
        }
    }

    private static String chunked(final String body)
    {
        final String first = body.substring(0, 7);
        final String rest = body.substring(7);
        return Integer.toHexString(first.length()) + "\r\n" + first + "\r\n" +
            Integer.toHexString(rest.length()) + ";ext=1\r\n" + rest + "\r\n";
    }

    @Test
    void shouldSend100ContinueOnlyAfterTheResponsesOfEarlierPipelinedRequests() throws Exception
    {
        start(TestNode.gatewayConfig());
        try (HttpConnection client = new HttpConnection(server.port()))
        {
            final String second = buy(102, 62, 1, "after-continue");
            client.send(HttpConnection.request("POST", "/v1/orders", buy(102, 61, 1, "before-continue"), "") +
                "POST /v1/orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
                second.length() + "\r\nExpect: 100-continue\r\n\r\n");
            final Response first = client.readAny();
            assertEquals(201, first.status(), "the earlier request's response comes first: " + first.body());
            assertEquals("before-continue", JSON.readTree(first.body()).get("requestId").asText());
            assertEquals(100, client.readAny().status());
            client.send(second);
            final Response last = client.readAny();
            assertEquals(201, last.status(), last.body());
            assertEquals("after-continue", JSON.readTree(last.body()).get("requestId").asText());
        }
    }

    @Test
    void shouldCloseIdleConnections() throws Exception
    {
        start(TestNode.gatewayConfig().idleTimeoutSeconds(1));
        try (HttpConnection client = new HttpConnection(server.port()))
        {
            assertEquals(200, client.exchange("GET", "/health", null).status());
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void shouldRefuseConnectionsOverTheLimit() throws Exception
    {
        start(TestNode.gatewayConfig().maxConnections(1));
        TestNode.awaitNoConnections(server);
        try (HttpConnection first = new HttpConnection(server.port()))
        {
            assertEquals(200, first.exchange("GET", "/health", null).status());
            try (HttpConnection second = new HttpConnection(server.port()))
            {
                final Response r = second.read();
                assertEquals(503, r.status());
                assertEquals("OVERLOADED", code(r));
                assertTrue(second.closedByServer());
            }
            assertEquals(200, first.exchange("GET", "/health", null).status());
        }
    }

    @Test
    void shouldAnswer503BeyondThePipeliningLimit() throws Exception
    {
        start(TestNode.gatewayConfig().maxPipelined(4));
        try (HttpConnection client = new HttpConnection(server.port()))
        {
            final StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 12; i++)
            {
                batch.append(HttpConnection.request("POST", "/v1/orders", buy(102, 3000 + i, 1, "lim-" + i), ""));
            }
            client.send(batch.toString());
            int created = 0;
            int overloaded = 0;
            for (int i = 0; i < 12; i++)
            {
                final Response r = client.read();
                if (r.status() == 201)
                {
                    created++;
                }
                else
                {
                    assertEquals(503, r.status(), r.body());
                    assertEquals("1", r.header("retry-after"));
                    overloaded++;
                }
            }
            assertEquals(12, created + overloaded);
            assertTrue(created >= 4, "created " + created);
            assertEquals(200, client.exchange("GET", "/health", null).status());
        }
    }

    @Test
    void shouldAnswerHeadWithoutABodySoThePipelinedNextResponseStaysInFrame() throws Exception
    {
        start(TestNode.gatewayConfig());
        try (Socket socket = new Socket("127.0.0.1", server.port()))
        {
            socket.setSoTimeout(10_000);
            final OutputStream out = socket.getOutputStream();
            out.write(("HEAD /health HTTP/1.1\r\nHost: x\r\n\r\n" +
                "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final String both = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            final int second = both.indexOf("HTTP/1.1 ", 1);
            assertTrue(second > 0, both);
            final String head = both.substring(0, second);
            final String get = both.substring(second);
            assertTrue(head.startsWith("HTTP/1.1 405 Method Not Allowed\r\n"), head);
            assertTrue(head.contains("\r\nallow: GET\r\n"), head);
            assertTrue(head.endsWith("\r\n\r\n"), "no body after the head: " + head);
            assertTrue(get.startsWith("HTTP/1.1 200 OK\r\n"), get);
            assertTrue(get.contains("\r\nconnection: close\r\n"), get);
            final int length = Integer.parseInt(get.replaceAll("(?s).*content-length: (\\d+).*", "$1"));
            assertEquals(length, get.length() - get.indexOf("\r\n\r\n") - 4, get);
            assertTrue(get.contains("UP"), get);
        }
    }
}
