package io.flashsale.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.flashsale.gateway.codec.ApiCode;
import io.flashsale.gateway.codec.ResponseEncoder;
import io.flashsale.gateway.ops.GatewayMetrics;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;

/**
 * The timeouts stage around a real HTTP codec, on a mock clock: raw bytes in, responses written back out, time
 * advanced by hand. Read timeout 1 s, idle timeout 3 s.
 */
class ConnectionTimeoutsTest
{
    private static final String HEALTH = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";

    private final MockTicker ticker = Ticker.newMockTicker();
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final StageProbe probe = new StageProbe();
    private final EmbeddedChannel channel;

    ConnectionTimeoutsTest()
    {
        final ConnectionTimeouts timeouts = new ConnectionTimeouts(1, 3, metrics);
        channel = EmbeddedChannel.builder()
            .ticker(ticker)
            .handlers(timeouts, new HttpRequestDecoder(), timeouts.messages(), probe)
            .build();
    }

    @AfterEach
    void close()
    {
        channel.finishAndReleaseAll();
        probe.releaseAll();
    }

    private void send(final String raw)
    {
        channel.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
    }

    private void respond()
    {
        channel.writeOutbound(ResponseEncoder.error(channel.alloc(), ApiCode.OK));
    }

    private void advanceMillis(final long millis)
    {
        for (long t = 0; t < millis; t += 50)
        {
            ticker.advance(50, TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
        }
    }

    private long readTimeouts()
    {
        return probe.events.stream().filter(e -> e instanceof ReadTimedOut).count();
    }

    private static String post(final String body)
    {
        return "POST /v1/orders HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    @Test
    void shouldTimeOutAPartialRequestThatFollowsCompleteOnesInTheSameReadOnce()
    {
        send(HEALTH + post("{\"a\":1}") + "GET /hea");
        advanceMillis(900);
        assertEquals(0, readTimeouts(), "within the read timeout");
        advanceMillis(400);
        assertEquals(1, readTimeouts());
        final ReadTimedOut event = (ReadTimedOut)probe.events.get(0);
        assertTrue(event.elapsedNanos() > TimeUnit.SECONDS.toNanos(1), event.toString());
        advanceMillis(2000);
        assertEquals(1, readTimeouts(), "at most once per connection");
        assertEquals(1, metrics.timedOutConnections());
    }

    @Test
    void shouldTimeOutARequestThatStopsInItsBodyChunksOrTrailers()
    {
        final String[] partials = {
            "POST /v1/orders HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{\"a\"",
            "POST /v1/orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel",
            "POST /v1/orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX-Tr",
        };
        for (final String partial : partials)
        {
            final GatewayMetrics own = new GatewayMetrics();
            final ConnectionTimeouts timeouts = new ConnectionTimeouts(1, 3, own);
            final StageProbe seen = new StageProbe();
            final EmbeddedChannel ch = EmbeddedChannel.builder()
                .ticker(ticker)
                .handlers(timeouts, new HttpRequestDecoder(), timeouts.messages(), seen)
                .build();
            ch.writeInbound(Unpooled.copiedBuffer(HEALTH + partial, StandardCharsets.ISO_8859_1));
            for (int i = 0; i < 30; i++)
            {
                ticker.advance(50, TimeUnit.MILLISECONDS);
                ch.runScheduledPendingTasks();
            }
            assertEquals(1, own.timedOutConnections(), partial);
            assertTrue(seen.events.get(0) instanceof ReadTimedOut, partial);
            ch.finishAndReleaseAll();
            seen.releaseAll();
        }
    }

    @Test
    void shouldCloseAConnectionIdleBetweenCompleteRequestsWithoutAReadTimeout()
    {
        final String crlfInBody = "{\"sku\":1,\r\n\r\n\"user\":2}";
        final String batch = HEALTH + post(crlfInBody) + "\r\n" +
            "POST /v1/orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
            "7;ext=1\r\n{\"a\":1}\r\n0\r\nX-Trailer: t\r\n\r\n\r\n";
        send(batch.substring(0, 20));
        send(batch.substring(20, batch.length() - 30));
        send(batch.substring(batch.length() - 30));
        respond();
        respond();
        respond();
        advanceMillis(2500);
        assertEquals(0, readTimeouts(), "nothing is partial");
        assertTrue(channel.isOpen());
        advanceMillis(1000);
        assertFalse(channel.isOpen(), "closed by the idle timeout");
        assertEquals(0, readTimeouts());
        assertEquals(1, metrics.timedOutConnections());
    }

    @Test
    void shouldKeepAConnectionOpenWhileARequestWaitsForItsResponse()
    {
        send(post("{\"a\":1}"));
        advanceMillis(5000);
        assertTrue(channel.isOpen(), "a request is in flight");
        respond();
        advanceMillis(2500);
        assertTrue(channel.isOpen(), "idle counts from the response");
        advanceMillis(1000);
        assertFalse(channel.isOpen());
    }

    @Test
    void shouldNotCountTheReadTimeoutWhileReadingIsPaused()
    {
        send("GET /hea");
        channel.config().setAutoRead(false);
        advanceMillis(2000);
        assertEquals(0, readTimeouts(), "paused: the node is not reading");
        channel.pipeline().fireUserEventTriggered(ConnectionEvent.READING_RESUMED);
        channel.config().setAutoRead(true);
        advanceMillis(900);
        assertEquals(0, readTimeouts(), "the clock started again on resume");
        advanceMillis(400);
        assertEquals(1, readTimeouts());
        assertEquals(1, probe.events.size(), "the stage consumes the resume event");
    }

    @Test
    void shouldCloseAClientThatReadsNoneOfItsResponsesAfterTheIdleTimeout()
    {
        send(HEALTH + HEALTH);
        channel.write(ResponseEncoder.response(ApiCode.OK, Unpooled.wrappedBuffer(new byte[128 * 1024])));
        assertFalse(channel.isWritable(), "the response waits in the outbound buffer");
        advanceMillis(2500);
        assertTrue(channel.isOpen());
        advanceMillis(1000);
        assertFalse(channel.isOpen(), "closed although a request still waits: its client reads nothing");
        assertEquals(1, metrics.timedOutConnections());
    }
}
