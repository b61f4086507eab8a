package io.flashsale.gateway.server;

import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.gateway.codec.ApiCode;
import io.flashsale.gateway.codec.ReplySlot;
import io.flashsale.gateway.codec.ResponseEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * One connection: assembles each request's body (within the size limit), hands the request to the {@link Router},
 * and writes responses strictly in request order, whether they are immediate or come back from the engine.
 * Writes made while reading are flushed once in {@code channelReadComplete}; replies from the engine arrive through
 * the connection's {@link ConnectionReplies} and are flushed once per engine batch by the {@link ReplyQueue} drain.
 * When too many requests wait for responses, or the client does not read what was written (the channel is not
 * writable), reading pauses. Slow requests (read timeout) get 408, and
 * silent idle connections and clients that read nothing for the idle timeout are closed, checked by one periodic
 * task. Whether a request is in progress comes from the {@link ActivityTracker}, which follows the message framing
 * over the raw bytes, so a partial request that follows complete ones in the same read is timed too; the read timeout
 * counts while the node reads from the connection.
 * <p>
 * Requests are judged from their head where the head suffices: an admin request without the token (see
 * {@link Router#admitted}) is answered 401 at once, before its body arrives. A body with a Content-Length within the
 * body limit is then discarded as it arrives, never buffered (the connection stays usable; the discarded body still
 * runs under the read timeout). Otherwise the connection is closed after the 401 and the body never read: a chunked
 * body (its length is unknown and its framing could fail after the response was sent), a Content-Length above the
 * limit, or a client that expects {@code 100 Continue} (it waits for an invitation that never comes).
 * {@code 100 Continue} goes only to a request that may send its body (authorized, within the size limit), and only
 * once every earlier response on the connection was written, so it never overtakes them.
 * <p>
 * Not shareable; every method runs on the connection's event loop.
 */
final class RequestHandler extends ChannelInboundHandlerAdapter implements Responder
{
    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);

    private final ServerContext server;
    private final PendingResponses pending;
    private final int maxPipelined;
    private final int maxBodyBytes;
    private final long readTimeoutNanos;
    private final long idleTimeoutNanos;
    private ConnectionReplies replies;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> timer;

    private HttpRequest request;
    private boolean keepAlive;
    private long startNanos;
    private ByteBuf body;
    private boolean discarding;
    private boolean continueExpected;
    private long[] bodyFramings = new long[8];
    private int framingsHead;
    private int framingsCount;

    private boolean closing;
    private boolean closed;
    private boolean needsFlush;
    private long lastActivityNanos;
    private long partialSinceNanos;

    RequestHandler(final ServerContext server)
    {
        this.server = server;
        this.maxPipelined = server.config().maxPipelined();
        this.maxBodyBytes = server.config().maxBodyBytes();
        this.readTimeoutNanos = TimeUnit.SECONDS.toNanos(server.config().readTimeoutSeconds());
        this.idleTimeoutNanos = TimeUnit.SECONDS.toNanos(server.config().idleTimeoutSeconds());
        this.pending = new PendingResponses(maxPipelined);
    }

    @Override
    public ResultListener replyTo()
    {
        return replies;
    }

    @Override
    public ByteBufAllocator alloc()
    {
        return ctx.alloc();
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        this.ctx = ctx;
        this.replies = new ConnectionReplies(server.replyQueue(ctx.channel().eventLoop()), this);
        lastActivityNanos = System.nanoTime();
        final long periodMillis = Math.max(100, TimeUnit.NANOSECONDS.toMillis(
            Math.min(readTimeoutNanos, idleTimeoutNanos)) / 4);
        timer = ctx.executor().scheduleAtFixedRate(this::checkTimeouts, periodMillis, periodMillis,
            TimeUnit.MILLISECONDS);
    }

    /**
     * Called by the byte-level tracker before the HTTP codec: bytes arrived.
     *
     * @param nowNanos now.
     */
    void bytesArrived(final long nowNanos)
    {
        lastActivityNanos = nowNanos;
    }

    /**
     * Called by the byte-level tracker once the codec has consumed a read: where the connection stands now.
     *
     * @param insideRequest   a request has started (at least one byte of it) and has not arrived completely.
     * @param startedThisRead that request started in this read (else it was already in progress).
     * @param nowNanos        when the read arrived.
     */
    void readFollowed(final boolean insideRequest, final boolean startedThisRead, final long nowNanos)
    {
        if (!insideRequest)
        {
            partialSinceNanos = 0;
        }
        else if (startedThisRead || partialSinceNanos == 0)
        {
            partialSinceNanos = nowNanos;
        }
    }

    /**
     * The body framing of the oldest decoded request head the tracker has not yet passed, in decode order.
     *
     * @return its Content-Length (0: no body), {@link ActivityTracker#CHUNKED}, or {@link ActivityTracker#UNKNOWN}
     *         if no decoded head is left to match (the codec failed on the bytes; the connection is being closed).
     */
    long nextBodyFraming()
    {
        if (framingsCount == 0)
        {
            return ActivityTracker.UNKNOWN;
        }
        final long framing = bodyFramings[framingsHead];
        framingsHead = (framingsHead + 1) & (bodyFramings.length - 1);
        framingsCount--;
        return framing;
    }

    private void headDecoded(final long framing)
    {
        if (framingsCount == bodyFramings.length)
        {
            final long[] grown = new long[bodyFramings.length * 2];
            for (int i = 0; i < framingsCount; i++)
            {
                grown[i] = bodyFramings[(framingsHead + i) & (bodyFramings.length - 1)];
            }
            bodyFramings = grown;
            framingsHead = 0;
        }
        bodyFramings[(framingsHead + framingsCount) & (bodyFramings.length - 1)] = framing;
        framingsCount++;
    }

    private static long bodyFraming(final HttpRequest head)
    {
        if (head.decoderResult().isFailure())
        {
            return ActivityTracker.UNKNOWN;
        }
        if (HttpUtil.isTransferEncodingChunked(head))
        {
            return ActivityTracker.CHUNKED;
        }
        return Math.max(0, HttpUtil.getContentLength(head, 0L));
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        final long framing = msg instanceof HttpRequest ? bodyFraming((HttpRequest)msg) : 0;
        if (msg instanceof HttpRequest)
        {
            headDecoded(framing);
        }
        if (closing)
        {
            ReferenceCountUtil.release(msg);
            return;
        }
        try
        {
            if (msg instanceof HttpRequest)
            {
                onRequestHead((HttpRequest)msg, framing);
            }
            if (msg instanceof HttpContent)
            {
                onContent((HttpContent)msg);
            }
            else
            {
                ReferenceCountUtil.release(msg);
            }
        }
        catch (final RuntimeException ex)
        {
            LOG.error("request handling failed", ex);
            failRequest(ApiCode.INTERNAL);
        }
    }

    private void onRequestHead(final HttpRequest head, final long framing)
    {
        startNanos = System.nanoTime();
        releaseBody();
        discarding = false;
        continueExpected = false;
        final DecoderResult result = head.decoderResult();
        if (result.isFailure())
        {
            request = null;
            failRequest(decodeFailure(result.cause()));
            return;
        }
        request = head;
        keepAlive = HttpUtil.isKeepAlive(head);
        if (!server.router().admitted(head))
        {
            refuse(ApiCode.UNAUTHORIZED, framing == ActivityTracker.CHUNKED || framing > maxBodyBytes ||
                HttpUtil.is100ContinueExpected(head));
            return;
        }
        if (framing > maxBodyBytes)
        {
            failRequest(ApiCode.PAYLOAD_TOO_LARGE);
            return;
        }
        continueExpected = HttpUtil.is100ContinueExpected(head);
        sendContinueIfDue();
    }

    /**
     * Invite the body of the request being read ({@code Expect: 100-continue}) once it is that request's turn: when
     * every earlier response on the connection has been written, so the interim response cannot overtake them.
     */
    private void sendContinueIfDue()
    {
        if (continueExpected && pending.size() == 0 && !closing)
        {
            continueExpected = false;
            ctx.write(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                Unpooled.EMPTY_BUFFER), ctx.voidPromise());
            scheduleFlush();
        }
    }

    private static ApiCode decodeFailure(final Throwable cause)
    {
        if (cause instanceof TooLongHttpHeaderException)
        {
            return ApiCode.HEADERS_TOO_LARGE;
        }
        if (cause instanceof TooLongHttpLineException)
        {
            return ApiCode.URI_TOO_LONG;
        }
        return ApiCode.BAD_REQUEST;
    }

    private void onContent(final HttpContent content)
    {
        if (request == null || discarding)
        {
            content.release();
            return;
        }
        if (content.decoderResult().isFailure())
        {
            content.release();
            failRequest(ApiCode.BAD_REQUEST);
            return;
        }
        final ByteBuf chunk = content.content();
        final boolean last = content instanceof LastHttpContent;
        if (body == null && last)
        {
            body = chunk;
        }
        else if (chunk.isReadable() || body == null)
        {
            final int size = (body == null ? 0 : body.readableBytes()) + chunk.readableBytes();
            if (size > maxBodyBytes)
            {
                content.release();
                failRequest(ApiCode.PAYLOAD_TOO_LARGE);
                return;
            }
            if (body == null)
            {
                body = ctx.alloc().buffer(Math.max(256, chunk.readableBytes()));
            }
            body.writeBytes(chunk);
            content.release();
        }
        else
        {
            content.release();
        }
        if (last)
        {
            dispatch();
        }
    }

    private void dispatch()
    {
        final HttpRequest head = request;
        final ByteBuf content = body == null ? Unpooled.EMPTY_BUFFER : body;
        request = null;
        body = null;
        continueExpected = false;
        final long seq = pending.add(startNanos, !keepAlive);
        if (!keepAlive)
        {
            closing = true;
        }
        try
        {
            if (pending.size() > maxPipelined)
            {
                respond(seq, ApiCode.OVERLOADED, ResponseEncoder.error(
                    ctx.alloc(), ApiCode.OVERLOADED, "too many pipelined requests on this connection"));
            }
            else if (server.stopping())
            {
                respond(seq, ApiCode.UNAVAILABLE, ResponseEncoder.error(
                    ctx.alloc(), ApiCode.UNAVAILABLE, "node is shutting down"));
            }
            else
            {
                server.router().route(this, seq, head, content);
            }
        }
        catch (final RuntimeException ex)
        {
            LOG.error("request routing failed", ex);
            if (pending.isPending(seq))
            {
                respond(seq, ApiCode.INTERNAL, ResponseEncoder.error(ctx.alloc(), ApiCode.INTERNAL));
            }
        }
        finally
        {
            content.release();
        }
        pauseReadingIfBacklogged();
    }

    /**
     * Stop reading while too many requests wait for responses, or while the client does not read its responses
     * (the outbound buffer is above its high water mark): neither may grow without bound.
     */
    private void pauseReadingIfBacklogged()
    {
        if ((pending.size() >= maxPipelined || !ctx.channel().isWritable()) && ctx.channel().config().isAutoRead())
        {
            ctx.channel().config().setAutoRead(false);
        }
    }

    private void resumeReadingIfDrained()
    {
        if (!closing && pending.size() < maxPipelined && ctx.channel().isWritable() &&
            !ctx.channel().config().isAutoRead())
        {
            if (partialSinceNanos != 0)
            {
                partialSinceNanos = System.nanoTime();
            }
            ctx.channel().config().setAutoRead(true);
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

    private void failRequest(final ApiCode code)
    {
        refuse(code, true);
    }

    /**
     * Answer the current request with an error without reading (more of) its body: the rest of it is discarded
     * unbuffered, or the connection closes after the response.
     *
     * @param code  the error.
     * @param close close the connection after the response (always if the client asked for it).
     */
    private void refuse(final ApiCode code, final boolean close)
    {
        releaseBody();
        request = null;
        discarding = true;
        continueExpected = false;
        final boolean last = close || !keepAlive;
        if (last)
        {
            closing = true;
        }
        final long seq = pending.add(startNanos == 0 ? System.nanoTime() : startNanos, last);
        respond(seq, code, ResponseEncoder.error(ctx.alloc(), code));
        pauseReadingIfBacklogged();
    }

    private void releaseBody()
    {
        if (body != null)
        {
            body.release();
            body = null;
        }
    }

    @Override
    public void respond(final long seq, final ApiCode code, final FullHttpResponse response)
    {
        if (closed)
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

    private void writeReady()
    {
        boolean wrote = false;
        while (pending.headReady())
        {
            final FullHttpResponse response = pending.headResponse();
            final long now = System.nanoTime();
            server.metrics().response(pending.headCode(), pending.headStartNanos(), now);
            final boolean close = pending.headCloseAfter();
            pending.removeHead();
            wrote = true;
            if (close)
            {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                closing = true;
                pending.releaseAll();
                break;
            }
            ctx.write(response, ctx.voidPromise());
        }
        if (wrote)
        {
            lastActivityNanos = System.nanoTime();
            scheduleFlush();
            resumeReadingIfDrained();
            sendContinueIfDue();
        }
    }

    /**
     * A write waits for its flush: in {@code channelReadComplete} when made while reading, at the end of the reply
     * drain when made by a reply, or at once by whoever wrote outside both (the timeout check).
     */
    private void scheduleFlush()
    {
        needsFlush = true;
    }

    @Override
    public void channelReadComplete(final ChannelHandlerContext ctx)
    {
        if (needsFlush)
        {
            needsFlush = false;
            ctx.flush();
        }
    }

    /**
     * Flush what replies wrote (end of a reply drain).
     */
    void flushReplies()
    {
        if (needsFlush)
        {
            needsFlush = false;
            ctx.flush();
        }
    }

    /**
     * One engine result for this connection (event loop, from the reply drain).
     *
     * @param slot the copied result.
     */
    void onReply(final ReplySlot slot)
    {
        final long seq = slot.correlationId();
        if (closed || !pending.isPending(seq))
        {
            return;
        }
        final MultiReply collector = pending.collector(seq);
        if (collector != null)
        {
            if (collector.onReply(slot))
            {
                respond(seq, collector.code(), collector.response(ctx.alloc()));
            }
            return;
        }
        final ApiCode code = OrderReplies.code(slot);
        respond(seq, code, OrderReplies.encode(ctx.alloc(), slot, code));
    }

    private void checkTimeouts()
    {
        if (closed)
        {
            return;
        }
        final long now = System.nanoTime();
        if (!ctx.channel().isWritable() && now - lastActivityNanos > idleTimeoutNanos)
        {
            server.metrics().connectionTimedOut();
            ctx.close();
        }
        else if (partialSinceNanos != 0 && now - partialSinceNanos > readTimeoutNanos && !closing &&
            ctx.channel().config().isAutoRead())
        {
            server.metrics().connectionTimedOut();
            startNanos = partialSinceNanos;
            failRequest(ApiCode.REQUEST_TIMEOUT);
            flushReplies();
        }
        else if (pending.size() == 0 && partialSinceNanos == 0 && now - lastActivityNanos > idleTimeoutNanos)
        {
            server.metrics().connectionTimedOut();
            ctx.close();
        }
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        closed = true;
        closing = true;
        if (timer != null)
        {
            timer.cancel(false);
        }
        pending.releaseAll();
        releaseBody();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        LOG.debug("connection {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
