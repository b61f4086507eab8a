package io.flashsale.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * The client's side of the wire format: request bytes, both response readers, JSON field look-ups and outcome codes.
 */
class WireFormatTest
{
    private static ByteBuf ascii(final String s)
    {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    @Test
    void shouldReadOrderFieldsWithOrWithoutWhitespace()
    {
        final ByteBuf tight = ascii("{\"orderId\":12345,\"status\":\"RESERVED\",\"duplicate\":true}");
        assertEquals(12345, JsonScan.longField(tight, JsonScan.ORDER_ID));
        assertTrue(JsonScan.isTrue(tight, JsonScan.DUPLICATE));
        assertTrue(JsonScan.stringFieldEquals(tight, JsonScan.STATUS, "RESERVED".getBytes(StandardCharsets.US_ASCII)));
        final ByteBuf loose = ascii("{ \"orderId\" : 7 , \"duplicate\": false }");
        assertEquals(7, JsonScan.longField(loose, JsonScan.ORDER_ID));
        assertFalse(JsonScan.isTrue(loose, JsonScan.DUPLICATE));
        assertEquals(-1, JsonScan.longField(ascii("{}"), JsonScan.ORDER_ID));
    }

    @Test
    void shouldClassifyErrorsByCodeThenStatus()
    {
        assertEquals(Outcome.OVERLOADED, Outcome.ofError(503, ascii("{\"code\":\"OVERLOADED\",\"message\":\"x\"}")));
        assertEquals(Outcome.UNAVAILABLE, Outcome.ofError(503, ascii("{\"code\":\"UNAVAILABLE\"}")));
        assertEquals(Outcome.LIMIT_EXCEEDED, Outcome.ofError(429, ascii("{\"code\":\"LIMIT_EXCEEDED\"}")));
        assertEquals(Outcome.ORDER_LIMIT_EXCEEDED, Outcome.ofError(429, ascii("{\"code\":\"ORDER_LIMIT_EXCEEDED\"}")));
        assertEquals(Outcome.IDEMPOTENCY_CONFLICT, Outcome.ofError(409, ascii("{\"code\":\"IDEMPOTENCY_CONFLICT\"}")));
        assertEquals(Outcome.SOLD_OUT, Outcome.ofError(409, ascii("")));
        assertEquals(Outcome.HTTP_OTHER, Outcome.ofError(500, ascii("oops")));
    }

    @Test
    void shouldParsePipelinedResponsesSplitAtAnyByte()
    {
        final String one = "HTTP/1.1 201 Created\r\ncontent-type: application/json\r\ncontent-length: 14\r\n\r\n" +
            "{\"orderId\":42}";
        final String two = "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 21\r\n\r\n" +
            "{\"code\":\"OVERLOADED\"}";
        final String wire = one + two;
        for (int split = 1; split < wire.length(); split += 7)
        {
            final List<String> seen = new ArrayList<>();
            final EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseParser((status, retryAfter, body) ->
                seen.add(status + "/" + retryAfter + "/" + body.toString(StandardCharsets.US_ASCII))));
            ch.writeInbound(ascii(wire.substring(0, split)));
            ch.writeInbound(ascii(wire.substring(split)));
            assertEquals(List.of("201/-1/{\"orderId\":42}", "503/1/{\"code\":\"OVERLOADED\"}"), seen, "split " + split);
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void shouldRefuseChunkedResponses()
    {
        final EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseParser((s, r, b) ->
        {
        }));
        assertThrows(Exception.class, () -> ch.writeInbound(
            ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")));
        ch.finishAndReleaseAll();
    }

    @Test
    void shouldWriteCompleteHttpRequestsWithExactContentLength()
    {
        final RequestWriter writer = new RequestWriter("127.0.0.1:8080", "run1");
        final ByteBuf buf = Unpooled.buffer();
        writer.writeBuy(buf, 1001, 77, 2, 123456789);
        final String body = "{\"sku\":1001,\"user\":77,\"qty\":2,\"requestId\":\"run1-123456789\"}";
        assertEquals("POST /v1/orders HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Type: application/json\r\n" +
            "Content-Length: " + body.length() + "\r\n\r\n" + body, buf.toString(StandardCharsets.US_ASCII));
        buf.clear();
        writer.writeWarmUpBuy(buf, 1001, 77, 2, 123456789);
        assertEquals("POST /v1/orders HTTP/1.1\r\nX-Flashsale-Traffic: warmup\r\nHost: 127.0.0.1:8080\r\n" +
            "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body,
            buf.toString(StandardCharsets.US_ASCII));
        buf.clear();
        writer.writeOrderAction(buf, 9, 77, true);
        assertTrue(buf.toString(StandardCharsets.US_ASCII).startsWith("POST /v1/orders/9/pay HTTP/1.1\r\n"));
        assertTrue(buf.toString(StandardCharsets.US_ASCII).endsWith("Content-Length: 11\r\n\r\n{\"user\":77}"));
        buf.clear();
        writer.writeOrderAction(buf, 0, 1, false);
        assertTrue(buf.toString(StandardCharsets.US_ASCII).startsWith("POST /v1/orders/0/cancel HTTP/1.1\r\n"));
        buf.clear();
        writer.writeGetSku(buf, 55);
        assertEquals("GET /v1/skus/55 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n",
            buf.toString(StandardCharsets.US_ASCII));
        assertEquals("run1-5", writer.requestId(5));
        assertThrows(IllegalArgumentException.class, () -> new RequestWriter("h:1", "has\"quote"));
    }

    @Test
    void shouldReadFieldsFromBodyText()
    {
        final String body = "{\"orderId\":12,\"status\":\"PAID\",\"user\": 7,\"duplicate\":true}";
        assertEquals(12, JsonScan.longField(body, "orderId"));
        assertEquals(7, JsonScan.longField(body, "user"));
        assertEquals(-1, JsonScan.longField(body, "sku"));
        assertEquals("PAID", JsonScan.stringField(body, "status"));
        assertNull(JsonScan.stringField(body, "orderId"));
        assertTrue(JsonScan.isTrue(body, "duplicate"));
        assertFalse(JsonScan.isTrue("{\"duplicate\":false}", "duplicate"));
    }

    @Test
    void shouldReadPipelinedResponsesSkippingInterimOnesAndEndCleanly() throws IOException
    {
        final ResponseReader reader = reader("HTTP/1.1 100 Continue\r\n\r\n" +
            "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\ncontent-length: 14\r\n\r\n{\"orderId\":42}" +
            "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n");
        final Response created = reader.next();
        assertEquals(201, created.status());
        assertEquals("application/json", created.header("content-type"));
        assertEquals("{\"orderId\":42}", created.body());
        final Response overloaded = reader.next();
        assertEquals(503, overloaded.status());
        assertEquals("1", overloaded.header("retry-after"));
        assertNull(reader.next(), "a clean end between responses");
        assertEquals(100, reader("HTTP/1.1 100 Continue\r\n\r\n").nextAny().status());
    }

    @Test
    void shouldRefuseMalformedResponses()
    {
        for (final String bad : new String[] {
            "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nBad Header: x\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabc",
            "HTTP/1.1 200 OK\r\nContent-Len"})
        {
            assertThrows(MalformedResponseException.class, () -> reader(bad).next(), bad);
        }
    }

    @Test
    void shouldWriteRequestTextWithHostAndExactContentLength()
    {
        assertEquals("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n",
            HttpConnection.request("GET", "/health", null));
        final String utf8Body = "{\"user\":\u00e9}";
        assertEquals("POST /v1/orders/3/pay HTTP/1.1\r\nHost: localhost\r\nX-A: 1\r\n" +
            "Content-Type: application/json\r\nContent-Length: 11\r\n\r\n" + utf8Body,
            HttpConnection.request("POST", "/v1/orders/3/pay", utf8Body, "X-A: 1\r\n"));
    }

    private static ResponseReader reader(final String wire)
    {
        return new ResponseReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)));
    }
}
