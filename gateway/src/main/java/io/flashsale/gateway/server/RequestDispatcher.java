package io.flashsale.gateway.server;

import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.gateway.codec.ApiCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;

/**
 * The last stage: hands each complete, sequenced {@link AssembledRequest} to the routes with its {@link Responder},
 * then releases its body. While the node is stopping every request is answered 503 UNAVAILABLE instead; a route that
 * throws is logged and its request, if still unanswered, answered 500 INTERNAL with a generic message. Any other
 * failure on the connection is logged at debug level and closes it.
 * <p>
 * Stateless: one instance serves every connection (thread-safe as long as the routes are).
 */
@ChannelHandler.Sharable
final class RequestDispatcher extends ChannelInboundHandlerAdapter
{
    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

    /**
     * Where requests go (the {@link Router}).
     */
    @FunctionalInterface
    interface Routes
    {
        /**
         * @param responder answers the request.
         * @param seq       the request's sequence on its connection.
         * @param head      its head.
         * @param body      its body; the caller's, read during the call only.
         */
        void route(Responder responder, long seq, HttpRequest head, ByteBuf body);
    }

    private final Routes routes;
    private final BooleanSupplier stopping;

    /**
     * @param routes   the endpoints.
     * @param stopping true once the node is stopping.
     */
    RequestDispatcher(final Routes routes, final BooleanSupplier stopping)
    {
        this.routes = routes;
        this.stopping = stopping;
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
        final Responder responder = request.responder();
        final long seq = request.seq();
        try
        {
            if (stopping.getAsBoolean())
            {
                responder.error(seq, ApiCode.UNAVAILABLE, "node is shutting down");
            }
            else
            {
                routes.route(responder, seq, request.head(), request.body());
            }
        }
        catch (final RuntimeException ex)
        {
            LOG.error("request routing failed", ex);
            responder.error(seq, ApiCode.INTERNAL);
        }
        finally
        {
            request.clear();
        }
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        LOG.debug("connection {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
