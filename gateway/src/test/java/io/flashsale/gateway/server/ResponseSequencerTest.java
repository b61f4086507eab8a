package io.flashsale.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.flashsale.engine.command.CommandType;
import io.flashsale.engine.command.EngineEvent;
import io.flashsale.engine.command.OrderState;
import io.flashsale.engine.command.ResultCode;
import io.flashsale.gateway.codec.ApiCode;
import io.flashsale.gateway.codec.EncodedResponses;
import io.flashsale.gateway.codec.ResponseEncoder;
import io.flashsale.gateway.ops.GatewayMetrics;
import io.flashsale.gateway.server.StageProbe.Seen;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The ordering stage between a hand-made body stage (requests written in) and a probe standing for the dispatcher
 * (it answers through the responders it receives). Pipelining limit 2. Responses are read back unencoded; what
 * the channel holds in its outbound queue is what was flushed.
 */
class ResponseSequencerTest
{
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final StageProbe probe = new StageProbe();
    private final FlushCounter flushes = new FlushCounter();
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final ReplyQueue queue = new ReplyQueue(channel.eventLoop(), 8, metrics);
    private final ResponseSequencer sequencer = new ResponseSequencer(2, metrics, queue);
    private final AssembledRequest message = new AssembledRequest();

    ResponseSequencerTest()
    {
        channel.pipeline().addLast(flushes, sequencer, probe);
    }

    /**
     * Counts flushes that reach the channel.
     */
    private static final class FlushCounter extends ChannelOutboundHandlerAdapter
    {
        int count;

        @Override
        public void flush(final ChannelHandlerContext ctx)
        {
            count++;
            ctx.flush();
        }
    }

    @AfterEach
    void close()
    {
        channel.finishAndReleaseAll();
        probe.releaseAll();
    }

    /** A complete request arrives, within a read (no read-complete yet). */
    private void arrive(final String uri)
    {
        channel.pipeline().fireChannelRead(message.complete(
            new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri), Unpooled.EMPTY_BUFFER,
            System.nanoTime(), false));
    }

    private void refused(final ApiCode code, final boolean close)
    {
        channel.pipeline().fireChannelRead(message.refused(code, System.nanoTime(), close));
    }

    private void readComplete()
    {
        channel.pipeline().fireChannelReadComplete();
    }

    private void answer(final int request, final String text)
    {
        final Seen seen = probe.requests.get(request);
        final ByteBuf body = Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
        seen.responder().respond(seen.seq(), ApiCode.OK, ResponseEncoder.content(ApiCode.OK, ResponseEncoder.TEXT,
            body));
    }

    /** What was flushed so far: status and body of each response, in order. */
    private List<String> flushed()
    {
        final List<String> out = new ArrayList<>();
        ByteBuf encoded;
        while ((encoded = channel.readOutbound()) != null)
        {
            final FullHttpResponse r = EncodedResponses.decode(encoded);
            out.add(r.status().code() + " " + r.content().toString(StandardCharsets.UTF_8));
            r.release();
        }
        return out;
    }

    @Test
    void shouldWriteResponsesInRequestOrderWhateverOrderTheyAreGivenIn()
    {
        arrive("/a");
        arrive("/b");
        answer(1, "b");
        readComplete();
        assertEquals(List.of(), flushed(), "b waits for a");
        answer(0, "a");
        assertEquals(List.of(), flushed(), "written, not flushed: outside a read the reply drain flushes");
        sequencer.flushWrites();
        assertEquals(List.of("200 a", "200 b"), flushed());
        assertEquals(List.of(0L, 1L), List.of(probe.requests.get(0).seq(), probe.requests.get(1).seq()));
    }

    @Test
    void shouldFlushWhatAReadWroteOnceAtReadComplete()
    {
        arrive("/a");
        answer(0, "a");
        arrive("/b");
        answer(1, "b");
        assertEquals(List.of(), flushed());
        final int before = flushes.count;
        readComplete();
        assertEquals(List.of("200 a", "200 b"), flushed());
        assertEquals(before + 1, flushes.count);
    }

    @Test
    void shouldTurnEngineResultsIntoResponsesWithOneFlushPerDrain()
    {
        arrive("/v1/orders");
        arrive("/v1/orders");
        readComplete();
        final int before = flushes.count;
        final EngineEvent result = new EngineEvent();
        for (int i = 1; i >= 0; i--)
        {
            result.reset(CommandType.BUY, sequencer.replyTo(), probe.requests.get(i).seq(), 0, 0);
            result.order(100 + i, OrderState.RESERVED, 7, 102, 1, 1500, 60_000);
            result.requestId("r" + i);
            result.result(ResultCode.RESERVED, 0);
            sequencer.replyTo().onResult(result);
        }
        queue.endOfBatch();
        assertEquals(List.of(), flushed(), "nothing before the drain runs on the event loop");
        channel.runPendingTasks();
        final List<String> out = flushed();
        assertEquals(2, out.size());
        assertTrue(out.get(0).startsWith("201 {\"orderId\":100,"), out.get(0));
        assertTrue(out.get(1).startsWith("201 {\"orderId\":101,"), out.get(1));
        assertEquals(before + 1, flushes.count, "one flush for the batch");
        assertEquals(0, metrics.extraReplySlots());
    }

    @Test
    void shouldShedRequestsBeyondThePipeliningLimitAndPauseReadingUntilTheyDrain()
    {
        arrive("/a");
        arrive("/b");
        assertFalse(channel.config().isAutoRead(), "reading pauses at the limit");
        arrive("/c");
        readComplete();
        assertEquals(2, probe.requests.size(), "the third is not dispatched");
        answer(0, "a");
        answer(1, "b");
        sequencer.flushWrites();
        final List<String> out = flushed();
        assertEquals(3, out.size());
        assertEquals(List.of("200 a", "200 b"), out.subList(0, 2));
        assertTrue(out.get(2).startsWith("503 {\"code\":\"OVERLOADED\""), out.get(2));
        assertTrue(channel.config().isAutoRead(), "reading resumes once they drained");
        assertEquals(List.of(ConnectionEvent.READING_RESUMED), probe.events, "and the timeouts are told");
    }

    @Test
    void shouldSendContinueOnlyAfterEveryEarlierResponse()
    {
        arrive("/a");
        channel.pipeline().fireUserEventTriggered(ConnectionEvent.CONTINUE_WANTED);
        readComplete();
        assertEquals(List.of(), flushed(), "the earlier request has no response yet");
        answer(0, "a");
        sequencer.flushWrites();
        assertEquals(List.of("200 a", "100 "), flushed());
        assertTrue(probe.events.isEmpty(), "the stage consumes its event");
        arrive("/b");
        answer(1, "b");
        channel.pipeline().fireUserEventTriggered(ConnectionEvent.CONTINUE_WANTED);
        readComplete();
        assertEquals(List.of("200 b", "100 "), flushed(), "nothing waits: at once");
    }

    @Test
    void shouldAnswerARefusalInItsTurnAndCloseAfterIt()
    {
        arrive("/a");
        refused(ApiCode.PAYLOAD_TOO_LARGE, true);
        final ByteBuf late = Unpooled.copiedBuffer("{}", StandardCharsets.US_ASCII);
        channel.pipeline().fireChannelRead(message.complete(
            new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/late"), late, System.nanoTime(), false));
        readComplete();
        assertEquals(1, probe.requests.size(), "nothing is dispatched after a request that ends the connection");
        assertEquals(0, late.refCnt(), "its body is released");
        assertEquals(List.of(), flushed());
        answer(0, "a");
        final FullHttpResponse first = EncodedResponses.decode(channel.readOutbound());
        assertEquals(200, first.status().code());
        assertNull(first.headers().get(HttpHeaderNames.CONNECTION));
        first.release();
        final FullHttpResponse refusal = EncodedResponses.decode(channel.readOutbound());
        assertEquals(413, refusal.status().code());
        assertEquals("close", refusal.headers().get(HttpHeaderNames.CONNECTION));
        refusal.release();
        assertFalse(channel.isOpen(), "closed after the refusal was written");
    }

    @Test
    void shouldPauseReadingWhileTheClientDoesNotReadItsResponses()
    {
        arrive("/big");
        final Seen seen = probe.requests.get(0);
        seen.responder().respond(seen.seq(), ApiCode.OK,
            ResponseEncoder.response(ApiCode.OK, Unpooled.wrappedBuffer(new byte[128 * 1024])));
        assertFalse(channel.isWritable());
        assertFalse(channel.config().isAutoRead(), "paused: the outbound buffer is above its high water mark");
        readComplete();
        assertTrue(channel.isWritable());
        assertTrue(channel.config().isAutoRead(), "resumed once it was written");
        assertEquals(List.of(ConnectionEvent.READING_RESUMED), probe.events);
        assertEquals(1, flushed().size());
    }

    @Test
    void shouldReleaseAResponseThatComesAfterTheConnectionClosed()
    {
        arrive("/a");
        channel.close();
        final Seen seen = probe.requests.get(0);
        final ByteBuf late = ResponseEncoder.error(channel.alloc(), ApiCode.OK);
        seen.responder().respond(seen.seq(), ApiCode.OK, late);
        assertEquals(0, late.refCnt());
    }
}
