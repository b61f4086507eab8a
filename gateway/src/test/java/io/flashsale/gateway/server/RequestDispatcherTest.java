package io.flashsale.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.flashsale.gateway.codec.ApiCode;
import io.flashsale.gateway.codec.EncodedResponses;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The last stage on its own, with a recording responder: routes, stopping, failing routes, failing connections.
 */
class RequestDispatcherTest
{
    private final List<String> routed = new ArrayList<>();
    private final List<String> answers = new ArrayList<>();
    private final Responder responder = new Responder()
    {
        @Override
        public ByteBufAllocator alloc()
        {
            return ByteBufAllocator.DEFAULT;
        }

        @Override
        public ResultListener replyTo()
        {
            return result -> { };
        }

        @Override
        public void respond(final long seq, final ApiCode code, final ByteBuf encoded)
        {
            final FullHttpResponse response = EncodedResponses.decode(encoded);
            answers.add(seq + " " + code + " " + response.content().toString(StandardCharsets.UTF_8));
            response.release();
        }

        @Override
        public void awaitReplies(final long seq, final MultiReply collector)
        {
        }
    };
    private boolean stopping;
    private RuntimeException failure;
    private final RequestDispatcher dispatcher = new RequestDispatcher((r, seq, head, body) ->
    {
        routed.add(seq + " " + head.uri() + " " + body.toString(StandardCharsets.UTF_8) + " refCnt=" + body.refCnt());
        if (failure != null)
        {
            throw failure;
        }
        r.error(seq, ApiCode.NOT_FOUND);
    }, () -> stopping);
    private final EmbeddedChannel channel = new EmbeddedChannel(dispatcher);

    @AfterEach
    void close()
    {
        channel.finishAndReleaseAll();
    }

    private ByteBuf dispatch(final long seq, final String uri, final String body)
    {
        final ByteBuf buf = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        final AssembledRequest request = new AssembledRequest().complete(
            new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri), buf, System.nanoTime(), false);
        request.sequenced(seq, responder);
        channel.writeInbound(request);
        return buf;
    }

    @Test
    void shouldHandTheRequestToItsRouteAndReleaseTheBodyAfterwards()
    {
        final ByteBuf body = dispatch(3, "/v1/orders", "{\"a\":1}");
        assertEquals(List.of("3 /v1/orders {\"a\":1} refCnt=1"), routed);
        assertEquals(1, answers.size());
        assertTrue(answers.get(0).startsWith("3 NOT_FOUND"), answers.get(0));
        assertEquals(0, body.refCnt());
        assertTrue(channel.isOpen());
    }

    @Test
    void shouldAnswer503WithoutRoutingWhileTheNodeStops()
    {
        stopping = true;
        final ByteBuf body = dispatch(0, "/v1/orders", "{}");
        assertEquals(List.of(), routed);
        assertEquals(1, answers.size());
        assertTrue(answers.get(0).startsWith("0 UNAVAILABLE"), answers.get(0));
        assertTrue(answers.get(0).contains("\"message\":\"node is shutting down\""), answers.get(0));
        assertEquals(0, body.refCnt());
    }

    @Test
    void shouldAnswer500WithAGenericMessageWhenARouteFailsAndKeepTheConnection()
    {
        failure = new IllegalStateException("secret internal detail");
        final ByteBuf body = dispatch(5, "/v1/orders", "{}");
        assertEquals(1, answers.size());
        assertTrue(answers.get(0).startsWith("5 INTERNAL"), answers.get(0));
        assertFalse(answers.get(0).contains("secret"), answers.get(0));
        assertEquals(0, body.refCnt());
        assertTrue(channel.isOpen());
    }

    @Test
    void shouldCloseTheConnectionOnAFailureOutsideTheRoutes()
    {
        channel.pipeline().fireExceptionCaught(new IOException("connection reset by peer"));
        assertFalse(channel.isOpen());
    }

    @Test
    void shouldServeEveryConnectionWithOneInstance()
    {
        final EmbeddedChannel other = new EmbeddedChannel(dispatcher);
        dispatch(1, "/a", "");
        final AssembledRequest request = new AssembledRequest().complete(
            new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/b"), Unpooled.EMPTY_BUFFER, 0, false);
        request.sequenced(2, responder);
        other.writeInbound(request);
        assertEquals(List.of("1 /a  refCnt=1", "2 /b  refCnt=1"), routed);
        other.finishAndReleaseAll();
    }
}
