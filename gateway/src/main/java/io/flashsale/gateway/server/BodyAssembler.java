package io.flashsale.gateway.server;

import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.gateway.codec.ApiCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;

/**
 * Turns the codec's request heads and content chunks into one {@link AssembledRequest} per request: complete, with its
 * whole body within the size limit, or refused with the error to answer.
 * <p>
 * Requests are judged from their head where the head suffices: a head the codec failed on (400, 414 for a long
 * request line, 431 for long headers), a Content-Length above the limit (413), and a request the admission check
 * refuses (an admin path without the token: 401) are refused at once, before their body arrives. After a 401 a body
 * with a Content-Length within the limit is discarded as it arrives, never buffered (the connection stays usable; the
 * discarded body still runs under the read timeout); a chunked body, a Content-Length above the limit or a client that
 * expects {@code 100 Continue} closes the connection after the 401 instead. A request that may send its body and
 * expects {@code 100 Continue} is announced with {@link ConnectionEvent#CONTINUE_WANTED}; the
 * {@link ResponseSequencer} sends it when it is that request's turn. A chunked body that grows above the limit is 413,
 * a chunk the codec failed on 400, both closing. A {@link ReadTimedOut} event refuses the request in progress with 408
 * and closes.
 * <p>
 * A body that arrives in one piece is handed on as the codec's buffer, without a copy; one in several pieces is
 * gathered into one buffer. After a request that ends the connection (refused with close, or the client asked to
 * close) everything that follows is released unread. Not shareable; event loop of the connection only.
 */
final class BodyAssembler extends ChannelInboundHandlerAdapter
{
    private static final Logger LOG = LoggerFactory.getLogger(BodyAssembler.class);
    private static final int MIN_BODY_BUFFER = 256;

    private final int maxBodyBytes;
    private final Predicate<HttpRequest> admitted;
    private final AssembledRequest message = new AssembledRequest();
    private HttpRequest request;
    private boolean keepAlive;
    private long startNanos;
    private ByteBuf body;
    private boolean discarding;
    private boolean ended;

    /**
     * @param maxBodyBytes the body size limit.
     * @param admitted     decides from the head alone whether a request may be served (false: 401).
     */
    BodyAssembler(final int maxBodyBytes, final Predicate<HttpRequest> admitted)
    {
        this.maxBodyBytes = maxBodyBytes;
        this.admitted = admitted;
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (ended)
        {
            ReferenceCountUtil.release(msg);
            return;
        }
        try
        {
            if (msg instanceof HttpRequest)
            {
                onHead(ctx, (HttpRequest)msg);
            }
            if (msg instanceof HttpContent)
            {
                onContent(ctx, (HttpContent)msg);
            }
            else
            {
                ReferenceCountUtil.release(msg);
            }
        }
        catch (final RuntimeException ex)
        {
            LOG.error("request handling failed", ex);
            refuse(ctx, ApiCode.INTERNAL, true);
        }
    }

    private void onHead(final ChannelHandlerContext ctx, final HttpRequest head)
    {
        startNanos = System.nanoTime();
        releaseBody();
        discarding = false;
        final DecoderResult result = head.decoderResult();
        if (result.isFailure())
        {
            request = null;
            refuse(ctx, decodeFailure(result.cause()), true);
            return;
        }
        request = head;
        keepAlive = HttpUtil.isKeepAlive(head);
        final long framing = RequestFraming.bodyFraming(head);
        if (!admitted.test(head))
        {
            refuse(ctx, ApiCode.UNAUTHORIZED, framing == RequestFraming.CHUNKED || framing > maxBodyBytes ||
                HttpUtil.is100ContinueExpected(head));
            return;
        }
        if (framing > maxBodyBytes)
        {
            refuse(ctx, ApiCode.PAYLOAD_TOO_LARGE, true);
            return;
        }
        if (HttpUtil.is100ContinueExpected(head))
        {
            ctx.fireUserEventTriggered(ConnectionEvent.CONTINUE_WANTED);
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

    private void onContent(final ChannelHandlerContext ctx, final HttpContent content)
    {
        if (request == null || discarding)
        {
            content.release();
            return;
        }
        if (content.decoderResult().isFailure())
        {
            content.release();
            refuse(ctx, ApiCode.BAD_REQUEST, true);
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
                refuse(ctx, ApiCode.PAYLOAD_TOO_LARGE, true);
                return;
            }
            if (body == null)
            {
                body = ctx.alloc().buffer(Math.max(MIN_BODY_BUFFER, chunk.readableBytes()));
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
            complete(ctx);
        }
    }

    private void complete(final ChannelHandlerContext ctx)
    {
        final HttpRequest head = request;
        final ByteBuf whole = body == null ? Unpooled.EMPTY_BUFFER : body;
        request = null;
        body = null;
        if (!keepAlive)
        {
            ended = true;
        }
        ctx.fireChannelRead(message.complete(head, whole, startNanos, !keepAlive));
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt)
    {
        if (evt instanceof ReadTimedOut)
        {
            if (!ended)
            {
                startNanos = System.nanoTime() - ((ReadTimedOut)evt).elapsedNanos();
                refuse(ctx, ApiCode.REQUEST_TIMEOUT, true);
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    /**
     * Refuse the current request without reading (more of) its body: the rest of it is discarded unbuffered, or the
     * connection closes after the response.
     *
     * @param code  the error.
     * @param close close the connection after the response (always if the client asked for it).
     */
    private void refuse(final ChannelHandlerContext ctx, final ApiCode code, final boolean close)
    {
        releaseBody();
        request = null;
        discarding = true;
        final boolean last = close || !keepAlive;
        if (last)
        {
            ended = true;
        }
        ctx.fireChannelRead(message.refused(code, startNanos == 0 ? System.nanoTime() : startNanos, last));
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
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        releaseBody();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(final ChannelHandlerContext ctx)
    {
        releaseBody();
    }
}
