package io.flashsale.gateway.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.flashsale.gateway.codec.ApiCode;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The end of a stage test's pipeline: records what reaches it. An {@link AssembledRequest} is copied into a
 * {@link Seen} (the message is reused, so it cannot be kept) and its body released; other messages are kept as they
 * are; user events are kept in order. Sharable so one probe can follow a test through several channels (the test's
 * thread only).
 */
@ChannelHandler.Sharable
final class StageProbe extends ChannelInboundHandlerAdapter
{
    /**
     * A copy of one {@link AssembledRequest}.
     *
     * @param method     the head's method, or null if refused.
     * @param uri        the head's URI, or null if refused.
     * @param body       the body as text.
     * @param refusal    the refusal code, or null.
     * @param closeAfter whether the connection closes after its response.
     * @param seq        its sequence (0 before the sequencer).
     * @param responder  its responder (null before the sequencer).
     */
    record Seen(String method, String uri, String body, ApiCode refusal, boolean closeAfter, long seq,
        Responder responder)
    {
    }

    final List<Seen> requests = new ArrayList<>();
    final List<Object> messages = new ArrayList<>();
    final List<Object> events = new ArrayList<>();
    int readCompletes;

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (msg instanceof AssembledRequest)
        {
            final AssembledRequest r = (AssembledRequest)msg;
            requests.add(new Seen(
                r.head() == null ? null : r.head().method().name(),
                r.head() == null ? null : r.head().uri(),
                r.body().toString(StandardCharsets.UTF_8),
                r.refusal(),
                r.closeAfter(),
                r.seq(),
                r.responder()));
            r.clear();
            return;
        }
        messages.add(msg);
    }

    @Override
    public void channelReadComplete(final ChannelHandlerContext ctx)
    {
        readCompletes++;
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt)
    {
        events.add(evt);
    }

    /**
     * Release every kept message.
     */
    void releaseAll()
    {
        for (final Object msg : messages)
        {
            ReferenceCountUtil.release(msg);
        }
        messages.clear();
    }
}
