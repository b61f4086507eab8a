package io.flashsale.gateway.server;

import io.flashsale.gateway.config.GatewayConfig;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * The pipeline of one connection, and nothing else: activity tracker (read timeout), HTTP/1.1 codec with the
 * request-line and header limits, connection limiter, request handler.
 */
final class GatewayInitializer extends ChannelInitializer<SocketChannel>
{
    private static final int MAX_CHUNK_BYTES = 16 * 1024;

    private final ServerContext server;
    private final ConnectionLimiter limiter;

    GatewayInitializer(final ServerContext server)
    {
        this.server = server;
        this.limiter = new ConnectionLimiter(server.config().maxConnections(), server.metrics());
    }

    @Override
    protected void initChannel(final SocketChannel channel)
    {
        final GatewayConfig config = server.config();
        final RequestHandler handler = new RequestHandler(server);
        final ChannelPipeline p = channel.pipeline();
        p.addLast("activity", new ActivityTracker(handler));
        p.addLast("http", new HttpServerCodec(new HttpDecoderConfig()
            .setMaxInitialLineLength(config.maxInitialLineBytes())
            .setMaxHeaderSize(config.maxHeaderBytes())
            .setMaxChunkSize(MAX_CHUNK_BYTES)));
        p.addLast("limit", limiter);
        p.addLast("handler", handler);
    }
}
