package io.flashsale.gateway.server;

import java.util.concurrent.atomic.AtomicInteger;

import io.flashsale.gateway.codec.ApiCode;
import io.flashsale.gateway.codec.ResponseEncoder;
import io.flashsale.gateway.ops.GatewayMetrics;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Counts open connections; a connection over the limit is answered 503 OVERLOADED and closed before any request is
 * read. Shared by all connections (thread-safe).
 */
@ChannelHandler.Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter
{
    private final int maxConnections;
    private final AtomicInteger open;
    private final GatewayMetrics metrics;

    ConnectionLimiter(final int maxConnections, final GatewayMetrics metrics)
    {
        this.maxConnections = maxConnections;
        this.open = metrics.openConnections();
        this.metrics = metrics;
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx)
    {
        if (open.incrementAndGet() > maxConnections)
        {
            metrics.connectionRefused();
            ctx.channel().config().setAutoRead(false);
            ctx.writeAndFlush(ResponseEncoder.error(ctx.alloc(), ApiCode.OVERLOADED, "too many connections"))
                .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        open.decrementAndGet();
        ctx.fireChannelInactive();
    }
}
