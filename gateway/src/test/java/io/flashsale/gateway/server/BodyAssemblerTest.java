package io.flashsale.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flashsale.gateway.codec.ApiCode;
import io.flashsale.gateway.server.StageProbe.Seen;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequestDecoder;

/**
 * The body stage behind a real HTTP codec: raw request bytes in, one complete or refused request out per request,
 * every buffer released.
 */
class BodyAssemblerTest
{
    private static final int MAX_BODY = 64;
    private static final String TOKEN = "Bearer t";
    private static final String HEALTH = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";

    private final TrackingAllocator alloc = new TrackingAllocator();
    private final StageProbe probe = new StageProbe();
    private EmbeddedChannel channel;

    @BeforeEach
    void open()
    {
        channel = new EmbeddedChannel(
            new HttpRequestDecoder(new HttpDecoderConfig().setMaxInitialLineLength(128).setMaxHeaderSize(256)),
            new BodyAssembler(MAX_BODY, head -> !head.uri().startsWith("/admin/") ||
                TOKEN.equals(head.headers().get(HttpHeaderNames.AUTHORIZATION))),
            probe);
        channel.config().setAllocator(alloc);
    }

    private void reopen()
    {
        channel.finishAndReleaseAll();
        open();
    }

    @AfterEach
    void everyBufferReleased()
    {
        channel.finishAndReleaseAll();
        probe.releaseAll();
        alloc.assertAllReleased();
    }

    private void send(final String raw)
    {
        channel.writeInbound(alloc.buffer().writeBytes(raw.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static String post(final String path, final String body, final String extra)
    {
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + extra + "Content-Length: " + body.length() + "\r\n\r\n" +
            body;
    }

    private static void assertRefused(final Seen seen, final ApiCode code, final boolean close)
    {
        assertEquals(code, seen.refusal(), seen.toString());
        assertEquals(close, seen.closeAfter(), seen.toString());
        assertEquals("", seen.body());
    }

    @Test
    void shouldHandOnEachPipelinedRequestWithItsWholeBody()
    {
        send(post("/v1/orders", "{\"a\":1}", "") + HEALTH + post("/v1/orders/7/pay", "{\"user\":2}", ""));
        assertEquals(List.of(
            new Seen("POST", "/v1/orders", "{\"a\":1}", null, false, 0, null),
            new Seen("GET", "/health", "", null, false, 0, null),
            new Seen("POST", "/v1/orders/7/pay", "{\"user\":2}", null, false, 0, null)), probe.requests);
    }

    @Test
    void shouldHandOnARequestOnlyOnceItsBodyHasArrivedWhole()
    {
        final String body = "{\"sku\":102,\"user\":1}";
        final String request = post("/v1/orders", body, "");
        send(request.substring(0, request.length() - body.length() + 5));
        send(body.substring(5, 12));
        assertTrue(probe.requests.isEmpty(), "nothing before the last piece");
        send(body.substring(12));
        assertEquals(1, probe.requests.size());
        assertEquals(body, probe.requests.get(0).body());
    }

    @Test
    void shouldGatherAChunkedBodyWithinTheLimit()
    {
        send("POST /v1/orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
        send("6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");
        assertEquals(1, probe.requests.size());
        assertEquals("hello world", probe.requests.get(0).body());
        assertNull(probe.requests.get(0).refusal());
    }

    @Test
    void shouldRefuseABodyAboveTheLimitFromItsHeadAndReadNothingAfterIt()
    {
        send("POST /v1/orders HTTP/1.1\r\nHost: x\r\nContent-Length: " + (MAX_BODY + 1) + "\r\n\r\n");
        assertEquals(1, probe.requests.size(), "refused before the body arrives");
        assertRefused(probe.requests.get(0), ApiCode.PAYLOAD_TOO_LARGE, true);
        send("x".repeat(MAX_BODY + 1) + HEALTH);
        assertEquals(1, probe.requests.size(), "nothing is read after a request that ends the connection");
    }

    @Test
    void shouldRefuseAChunkedBodyThatGrowsAboveTheLimit()
    {
        final String chunk = "x".repeat(MAX_BODY / 2 + 1);
        send("POST /v1/orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
            Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
        assertTrue(probe.requests.isEmpty());
        send(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n" + HEALTH);
        assertEquals(1, probe.requests.size());
        assertRefused(probe.requests.get(0), ApiCode.PAYLOAD_TOO_LARGE, true);
    }

    @Test
    void shouldAnswerAnUnauthorizedAdminFromItsHeadAndDiscardItsBodyUnread()
    {
        final String disguised = "GET /v1/skus/1 HTTP/1.1\r\nHost: x\r\n\r\n";
        send("POST /admin/sales HTTP/1.1\r\nHost: x\r\nContent-Length: " + disguised.length() + "\r\n\r\n");
        assertEquals(1, probe.requests.size(), "refused before the body arrives");
        assertRefused(probe.requests.get(0), ApiCode.UNAUTHORIZED, false);
        send(disguised + HEALTH);
        assertEquals(2, probe.requests.size(), "the body was discarded, not parsed as a request");
        assertEquals(new Seen("GET", "/health", "", null, false, 0, null), probe.requests.get(1));
    }

    @Test
    void shouldCloseAfterTheUnauthorizedAnswerWhenTheBodyIsChunkedOversizedOrExpectsContinue()
    {
        send("POST /admin/skus/1/restock HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
        assertRefused(probe.requests.get(0), ApiCode.UNAUTHORIZED, true);
        reopen();
        send("POST /admin/sales HTTP/1.1\r\nHost: x\r\nContent-Length: " + (MAX_BODY + 1) + "\r\n\r\n");
        assertRefused(probe.requests.get(1), ApiCode.UNAUTHORIZED, true);
        reopen();
        send("POST /admin/sales HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
        assertRefused(probe.requests.get(2), ApiCode.UNAUTHORIZED, true);
        assertFalse(probe.events.contains(ConnectionEvent.CONTINUE_WANTED), "no 100 Continue for a 401");
    }

    @Test
    void shouldWantContinueOnlyForARequestThatMaySendItsBody()
    {
        send("POST /admin/sales HTTP/1.1\r\nHost: x\r\nAuthorization: " + TOKEN +
            "\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
        assertEquals(List.of(ConnectionEvent.CONTINUE_WANTED), probe.events);
        assertTrue(probe.requests.isEmpty());
        send("{}");
        assertEquals(new Seen("POST", "/admin/sales", "{}", null, false, 0, null), probe.requests.get(0));
        send("POST /v1/orders HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: " + (MAX_BODY + 1) +
            "\r\n\r\n");
        assertEquals(1, probe.events.size(), "no 100 Continue for a body above the limit");
        assertRefused(probe.requests.get(1), ApiCode.PAYLOAD_TOO_LARGE, true);
    }

    @Test
    void shouldRefuseTheRequestInProgressWith408OnAReadTimeoutOnce()
    {
        send(post("/v1/orders", "{\"a\":1}", "").substring(0, 50));
        channel.pipeline().fireUserEventTriggered(new ReadTimedOut(1_000_000_000L));
        assertEquals(1, probe.requests.size());
        assertRefused(probe.requests.get(0), ApiCode.REQUEST_TIMEOUT, true);
        channel.pipeline().fireUserEventTriggered(new ReadTimedOut(2_000_000_000L));
        assertEquals(1, probe.requests.size(), "the connection has ended: a second timeout is ignored");
        assertTrue(probe.events.isEmpty(), "the stage consumes its event");
    }

    @Test
    void shouldRefuseWhatTheCodecFailedOnAndEndTheConnection()
    {
        send("GET /" + "a".repeat(200) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertRefused(probe.requests.get(0), ApiCode.URI_TOO_LONG, true);
        reopen();
        send("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(300) + "\r\n\r\n");
        assertRefused(probe.requests.get(1), ApiCode.HEADERS_TOO_LARGE, true);
        reopen();
        send("POST /v1/orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n");
        assertRefused(probe.requests.get(2), ApiCode.BAD_REQUEST, true);
        assertEquals(3, probe.requests.size());
    }

    @Test
    void shouldEndTheConnectionAfterARequestThatAsksToClose()
    {
        send("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" + post("/v1/orders", "{}", ""));
        assertEquals(List.of(new Seen("GET", "/health", "", null, true, 0, null)), probe.requests);
    }
}
