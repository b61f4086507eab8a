package io.flashsale.gateway.server;

import java.util.function.Predicate;

import io.flashsale.gateway.config.GatewayConfig;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;

/**
 * The pipeline of one connection, and nothing else. Inbound, in order:
 * <ol>
 *   <li>{@link ConnectionTimeouts}: raw bytes; follows the request framing, read and idle timeouts;</li>
 *   <li>{@link HttpRequestDecoder}: HTTP/1.1 with the request-line and header limits;</li>
 *   <li>{@link ConnectionLimiter} (shared): 503 and close over the connection limit;</li>
 *   <li>the timeouts' {@link ConnectionTimeouts#messages() message side}: decoded heads, written responses;</li>
 *   <li>{@link BodyAssembler}: one complete or refused request each (body limit, admin 401 from the head,
 *       {@code 100 Continue} wanted);</li>
 *   <li>{@link ResponseSequencer}: sequence, responses in request order, flush per read or reply batch,
 *       backpressure, pipelining limit;</li>
 *   <li>{@link RequestDispatcher} (shared): to the {@link Router}.</li>
 * </ol>
 * Responses travel back from the sequencer as buffers already encoded by
 * {@link io.flashsale.gateway.codec.ResponseEncoder} (status line, headers, body): no response objects.
 */
final class GatewayInitializer extends ChannelInitializer<SocketChannel>
{
    private static final int MAX_CHUNK_BYTES = 16 * 1024;

    private final ServerContext server;
    private final ConnectionLimiter limiter;
    private final RequestDispatcher dispatcher;
    private final Predicate<HttpRequest> admitted;

    GatewayInitializer(final ServerContext server)
    {
        this.server = server;
        this.limiter = new ConnectionLimiter(server.config().maxConnections(), server.metrics());
        this.dispatcher = new RequestDispatcher(server.router()::route, server::stopping);
        this.admitted = server.router()::admitted;
    }

    @Override
    protected void initChannel(final SocketChannel channel)
    {
        final GatewayConfig config = server.config();
        final ConnectionTimeouts timeouts = new ConnectionTimeouts(
            config.readTimeoutSeconds(), config.idleTimeoutSeconds(), server.metrics());
        final ChannelPipeline p = channel.pipeline();
        p.addLast("timeouts", timeouts);
        p.addLast("http", new HttpRequestDecoder(new HttpDecoderConfig()
            .setMaxInitialLineLength(config.maxInitialLineBytes())
            .setMaxHeaderSize(config.maxHeaderBytes())
            .setMaxChunkSize(MAX_CHUNK_BYTES)));
        p.addLast("limit", limiter);
        p.addLast("timeouts-messages", timeouts.messages());
        p.addLast("body", new BodyAssembler(config.maxBodyBytes(), admitted));
        p.addLast("responses", new ResponseSequencer(
            config.maxPipelined(), server.metrics(), server.replyQueue(channel.eventLoop())));
        p.addLast("dispatch", dispatcher);
    }
}
