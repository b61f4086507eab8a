package io.flashsale.gateway.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Sits before the HTTP codec and tells the connection's {@link RequestHandler} when bytes arrive, so a request that
 * starts but never completes (a slow or stalled client) is caught by the read timeout. Passes every message on
 * untouched. One per connection.
 */
final class ActivityTracker extends ChannelInboundHandlerAdapter
{
    private final RequestHandler handler;

    ActivityTracker(final RequestHandler handler)
    {
        this.handler = handler;
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        handler.bytesArrived(System.nanoTime());
        ctx.fireChannelRead(msg);
    }
}
