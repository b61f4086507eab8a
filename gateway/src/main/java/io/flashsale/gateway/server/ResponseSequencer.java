package io.flashsale.gateway.server;

import io.flashsale.gateway.codec.ApiCode;
import io.flashsale.gateway.codec.ResponseEncoder;
import io.flashsale.gateway.ops.GatewayMetrics;
import io.flashsale.gateway.ops.TrafficClass;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Writes a connection's responses strictly in request order (HTTP/1.1 pipelining), whether they are ready at once or
 * come back from the engine later, and is the {@link Responder} the endpoints answer through. Each
 * {@link AssembledRequest} gets the next sequence in {@link PendingResponses}; a refused one is answered with its error
 * at once, a complete one goes on to the dispatcher, unless more requests than the pipelining limit wait for
 * responses (503 OVERLOADED). A response that is ready early waits until every earlier one was written; after a
 * response that closes the connection, nothing more is written.
 * <p>
 * Flushing: writes made while reading are flushed once in {@code channelReadComplete}; writes made by engine replies
 * are flushed once per engine batch at the end of the {@link ReplyQueue} drain (through {@link ConnectionReplies});
 * a response that closes the connection is flushed at once. Backpressure: reading pauses while the pipelining limit of
 * requests waits for responses or while the client does not read what was written (the channel is not writable), and
 * resumes when both have drained ({@link ConnectionEvent#READING_RESUMED} tells the timeouts). {@code 100 Continue}
 * ({@link ConnectionEvent#CONTINUE_WANTED}) is written only when every earlier response was written, so it never
 * overtakes them.
 * <p>
 * Not shareable; every method runs on the connection's event loop except what {@link #replyTo()} returns, whose
 * {@code onResult} the engine thread calls.
 */
final class ResponseSequencer extends ChannelInboundHandlerAdapter implements Responder
{
    private static final String TOO_MANY_PIPELINED = "too many pipelined requests on this connection";

    private final int maxPipelined;
    private final GatewayMetrics metrics;
    private final PendingResponses pending;
    private final ConnectionReplies replies;
    private ChannelHandlerContext ctx;
    private boolean closing;
    private boolean closed;
    private boolean needsFlush;
    private boolean continueWanted;

    /**
     * @param maxPipelined requests that may wait for responses before reading pauses (one more is answered 503).
     * @param metrics      records each response's code and latency.
     * @param replyQueue   the reply queue of the connection's event loop.
     */
    ResponseSequencer(final int maxPipelined, final GatewayMetrics metrics, final ReplyQueue replyQueue)
    {
        this.maxPipelined = maxPipelined;
        this.metrics = metrics;
        this.pending = new PendingResponses(maxPipelined);
        this.replies = new ConnectionReplies(replyQueue, this);
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        this.ctx = ctx;
    }

    @Override
    public ByteBufAllocator alloc()
    {
        return ctx.alloc();
    }

    @Override
    public ResultListener replyTo()
    {
        return replies;
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (!(msg instanceof AssembledRequest))
        {
            ctx.fireChannelRead(msg);
            return;
        }
        final AssembledRequest request = (AssembledRequest)msg;
        continueWanted = false;
        if (closing)
        {
            request.clear();
            return;
        }
        final long seq = pending.add(request.startNanos(), request.closeAfter(), request.headMethod(),
            TrafficClass.of(request.head()));
        if (request.closeAfter())
        {
            closing = true;
        }
        final ApiCode refusal = request.refusal();
        if (refusal != null)
        {
            request.clear();
            error(seq, refusal);
        }
        else if (pending.size() > maxPipelined)
        {
            request.clear();
            error(seq, ApiCode.OVERLOADED, TOO_MANY_PIPELINED);
        }
        else
        {
            request.sequenced(seq, this);
            ctx.fireChannelRead(request);
        }
        pauseReadingIfBacklogged();
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt)
    {
        if (evt == ConnectionEvent.CONTINUE_WANTED)
        {
            continueWanted = true;
            sendContinueIfDue();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    /**
     * Answer a waiting request and write every response that is now in order. A request that is not waiting (already
     * answered, or the connection closed) is not answered again: the response is released.
     */
    @Override
    public void respond(final long seq, final ApiCode code, final ByteBuf response)
    {
        if (!waiting(seq))
        {
            response.release();
            return;
        }
        pending.complete(seq, code, response);
        writeReady();
    }

    @Override
    public void awaitReplies(final long seq, final MultiReply collector)
    {
        pending.collector(seq, collector);
    }

    /**
     * @param seq a request's sequence.
     * @return true if it waits for its response on an open connection.
     */
    boolean waiting(final long seq)
    {
        return !closed && pending.isPending(seq);
    }

    /**
     * @param seq a waiting request.
     * @return the collector of its results, or null if one result answers it.
     */
    MultiReply collector(final long seq)
    {
        return pending.collector(seq);
    }

    private void writeReady()
    {
        boolean wrote = false;
        while (pending.headReady())
        {
            ByteBuf response = pending.headResponse();
            metrics.response(pending.headCode(), pending.headTraffic(), pending.headStartNanos(), System.nanoTime());
            final boolean close = pending.headCloseAfter();
            if (pending.headHeadOnly())
            {
                ResponseEncoder.headOnly(response);
            }
            pending.removeHead();
            wrote = true;
            if (close)
            {
                response = ResponseEncoder.closing(response);
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                closing = true;
                pending.releaseAll();
                break;
            }
            ctx.write(response, ctx.voidPromise());
        }
        if (wrote)
        {
            needsFlush = true;
            resumeReadingIfDrained();
            sendContinueIfDue();
        }
    }

    /**
     * Invite the body of the request being read once it is that request's turn: when every earlier response on the
     * connection has been written, so the interim response cannot overtake them.
     */
    private void sendContinueIfDue()
    {
        if (continueWanted && pending.size() == 0 && !closing)
        {
            continueWanted = false;
            ctx.write(ResponseEncoder.continueResponse(ctx.alloc()), ctx.voidPromise());
            needsFlush = true;
        }
    }

    @Override
    public void channelReadComplete(final ChannelHandlerContext ctx)
    {
        flushWrites();
        ctx.fireChannelReadComplete();
    }

    /**
     * Flush what was written since the last flush (end of a read or of a reply drain).
     */
    void flushWrites()
    {
        if (needsFlush)
        {
            needsFlush = false;
            ctx.flush();
        }
    }

    /**
     * Stop reading while the pipelining limit of requests waits for responses, or while the client does not read its
     * responses (the outbound buffer is above its high water mark): neither may grow without bound.
     */
    private void pauseReadingIfBacklogged()
    {
        final Channel channel = ctx.channel();
        if ((pending.size() >= maxPipelined || !channel.isWritable()) && channel.config().isAutoRead())
        {
            channel.config().setAutoRead(false);
        }
    }

    private void resumeReadingIfDrained()
    {
        final Channel channel = ctx.channel();
        if (!closing && pending.size() < maxPipelined && channel.isWritable() && !channel.config().isAutoRead())
        {
            ctx.pipeline().fireUserEventTriggered(ConnectionEvent.READING_RESUMED);
            channel.config().setAutoRead(true);
        }
    }

    @Override
    public void channelWritabilityChanged(final ChannelHandlerContext ctx)
    {
        if (ctx.channel().isWritable())
        {
            resumeReadingIfDrained();
        }
        else
        {
            pauseReadingIfBacklogged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        closed = true;
        closing = true;
        pending.releaseAll();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(final ChannelHandlerContext ctx)
    {
        closed = true;
        pending.releaseAll();
    }
}
