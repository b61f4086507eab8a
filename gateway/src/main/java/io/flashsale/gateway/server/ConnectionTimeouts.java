package io.flashsale.gateway.server;

import java.util.concurrent.TimeUnit;

import io.flashsale.gateway.codec.ResponseEncoder;
import io.flashsale.gateway.ops.GatewayMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * A connection's timeouts, checked by one periodic task:
 * <ul>
 *   <li>read timeout: a request that has started (at least one byte) and not arrived completely within the read
 *       timeout gets a {@link ReadTimedOut} event (the {@link BodyAssembler} answers it 408 and closes). The clock
 *       counts only while the node reads from the connection: while reading is paused it does not run, and it starts
 *       again when the {@link ConnectionEvent#READING_RESUMED} event says reading resumed;</li>
 *   <li>idle timeout: a connection with nothing arriving, nothing in flight (every decoded request has its final
 *       response written) and no partial request is closed after the idle timeout;</li>
 *   <li>a client that reads none of its responses (the channel stays unwritable) is closed once nothing was read or
 *       written for the idle timeout.</li>
 * </ul>
 * The stage sits in two places of the pipeline. This handler goes before the HTTP codec and sees the raw bytes: it
 * follows the request framing over them ({@link RequestFraming}), so a partial request that follows complete ones in
 * the same read is timed too. Its {@link #messages()} handler goes after the codec and sees decoded request heads
 * (their body framing, and one more request in flight) and written responses (activity, and one fewer in flight).
 * <p>
 * Uses the event loop's ticker as its clock. Not shareable; every method runs on the connection's event loop.
 */
final class ConnectionTimeouts extends ChannelInboundHandlerAdapter
{
    private static final long MIN_CHECK_MILLIS = 100;

    private final long readTimeoutNanos;
    private final long idleTimeoutNanos;
    private final GatewayMetrics metrics;
    private final RequestFraming framing = new RequestFraming();
    private final Messages messages = new Messages();
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> check;
    private long lastActivityNanos;
    private boolean partial;
    private long partialSinceNanos;
    private long requestsDecoded;
    private long responsesWritten;
    private boolean readTimedOut;

    /**
     * @param readTimeoutSeconds a started request must arrive completely within this.
     * @param idleTimeoutSeconds a silent connection with nothing in flight is closed after this.
     * @param metrics            counts the connections closed or answered 408 by a timeout.
     */
    ConnectionTimeouts(final int readTimeoutSeconds, final int idleTimeoutSeconds, final GatewayMetrics metrics)
    {
        this.readTimeoutNanos = TimeUnit.SECONDS.toNanos(readTimeoutSeconds);
        this.idleTimeoutNanos = TimeUnit.SECONDS.toNanos(idleTimeoutSeconds);
        this.metrics = metrics;
    }

    /**
     * @return this stage's handler for the place after the HTTP codec (one per connection, like this one).
     */
    ChannelHandler messages()
    {
        return messages;
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        this.ctx = ctx;
        if (ctx.channel().isActive())
        {
            start();
        }
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx)
    {
        start();
        ctx.fireChannelActive();
    }

    private void start()
    {
        if (check != null)
        {
            return;
        }
        lastActivityNanos = now();
        final long periodMillis = Math.max(MIN_CHECK_MILLIS,
            TimeUnit.NANOSECONDS.toMillis(Math.min(readTimeoutNanos, idleTimeoutNanos)) / 4);
        check = ctx.executor().scheduleAtFixedRate(this::check, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        final long now = now();
        lastActivityNanos = now;
        if (!(msg instanceof ByteBuf))
        {
            ctx.fireChannelRead(msg);
            return;
        }
        final ByteBuf bytes = (ByteBuf)msg;
        final int from = bytes.readerIndex();
        final int to = bytes.writerIndex();
        bytes.retain();
        try
        {
            ctx.fireChannelRead(bytes);
            framing.follow(bytes, from, to);
        }
        finally
        {
            bytes.release();
        }
        if (!framing.insideRequest())
        {
            partial = false;
        }
        else if (framing.startedRequest() || !partial)
        {
            partial = true;
            partialSinceNanos = now;
        }
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt)
    {
        if (evt == ConnectionEvent.READING_RESUMED)
        {
            if (partial)
            {
                partialSinceNanos = now();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void check()
    {
        final long now = now();
        final boolean reading = ctx.channel().config().isAutoRead();
        if (!ctx.channel().isWritable() && now - lastActivityNanos > idleTimeoutNanos)
        {
            metrics.connectionTimedOut();
            ctx.close();
        }
        else if (partial && now - partialSinceNanos > readTimeoutNanos && reading && !readTimedOut)
        {
            readTimedOut = true;
            metrics.connectionTimedOut();
            ctx.fireUserEventTriggered(new ReadTimedOut(now - partialSinceNanos));
        }
        else if (requestsDecoded == responsesWritten && !partial && now - lastActivityNanos > idleTimeoutNanos)
        {
            metrics.connectionTimedOut();
            ctx.close();
        }
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        stop();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(final ChannelHandlerContext ctx)
    {
        stop();
    }

    private void stop()
    {
        if (check != null)
        {
            check.cancel(false);
        }
    }

    private long now()
    {
        return ctx.executor().ticker().nanoTime();
    }

    /**
     * The stage's view after the codec: decoded request heads (their body framing for {@link RequestFraming}, one
     * more request in flight) and written responses (activity; a final response is one fewer in flight). Passes
     * everything on untouched.
     */
    private final class Messages extends ChannelDuplexHandler
    {
        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
        {
            if (msg instanceof HttpRequest)
            {
                framing.headDecoded(RequestFraming.bodyFraming((HttpRequest)msg));
                requestsDecoded++;
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(final ChannelHandlerContext ctx, final Object msg, final ChannelPromise promise)
        {
            if (msg instanceof ByteBuf && ResponseEncoder.statusCode((ByteBuf)msg) >= 200)
            {
                responsesWritten++;
                lastActivityNanos = now();
            }
            ctx.write(msg, promise);
        }
    }
}
