package io.flashsale.gateway.server;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.gateway.config.GatewayConfig;
import io.flashsale.gateway.ops.GatewayMetrics;
import io.flashsale.process.ThreadScheduling;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;

/**
 * The HTTP front both a single node ({@link GatewayServer}) and a cluster gateway ({@link ClusterGatewayServer}) are
 * built on: the event loops (epoll when available, else NIO), one {@link ReplyQueue} per loop and the result sink over
 * them, the admin token, and the listening socket. Open it first, start what answers commands with {@link #sink()},
 * then {@link #bind} the endpoints. Thread-safe after bind.
 */
final class HttpFront
{
    private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);
    private static final int MIN_REPLY_SLOTS = 1024;

    private final GatewayConfig config;
    private final boolean epoll;
    private final MultiThreadIoEventLoopGroup group;
    private final List<ReplyQueue> queues = new ArrayList<>();
    private final GatewayResultSink sink;
    private final String adminToken;
    private final boolean tokenGenerated;
    private Channel serverChannel;

    /**
     * Start the event loops and their reply queues (the port is not open yet).
     *
     * @param config   HTTP settings.
     * @param ringSize the ring's size, so a reply queue holds a ring's worth of results.
     * @param metrics  the gateway's counters.
     */
    HttpFront(final GatewayConfig config, final int ringSize, final GatewayMetrics metrics)
    {
        this.config = config;
        this.epoll = Epoll.isAvailable();
        final IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        group = new MultiThreadIoEventLoopGroup(
            config.eventLoopThreads(), new DefaultThreadFactory("flashsale-http", true), io);
        if (!config.scheduling().isKernelDefault())
        {
            schedule(group, config.scheduling());
        }
        final int slots = Math.max(MIN_REPLY_SLOTS, ringSize);
        for (final EventExecutor executor : group)
        {
            queues.add(new ReplyQueue((EventLoop)executor, slots, metrics));
        }
        sink = new GatewayResultSink(queues.toArray(new ReplyQueue[0]));
        tokenGenerated = config.adminToken() == null;
        adminToken = tokenGenerated ? randomToken() : config.adminToken();
    }

    /**
     * @return the result sink over the reply queues, for the engine or the shard router.
     */
    GatewayResultSink sink()
    {
        return sink;
    }

    /**
     * @return one reply queue per event loop.
     */
    List<ReplyQueue> queues()
    {
        return queues;
    }

    /**
     * @return the admin bearer token (configured or generated).
     */
    String adminToken()
    {
        return adminToken;
    }

    /**
     * @return true if the token was generated at start.
     */
    boolean tokenGenerated()
    {
        return tokenGenerated;
    }

    /**
     * Open the port.
     *
     * @param context what every connection's pipeline is built from.
     * @return the listening channel.
     */
    Channel bind(final ServerContext context)
    {
        final Class<? extends ServerChannel> channelType =
            epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        serverChannel = new ServerBootstrap()
            .group(group)
            .channel(channelType)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
            .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new GatewayInitializer(context))
            .bind(new InetSocketAddress(config.host(), config.port()))
            .syncUninterruptibly()
            .channel();
        return serverChannel;
    }

    /**
     * @return a description of the transport for the start-up log line.
     */
    String transport()
    {
        return (epoll ? "epoll" : "nio") + " transport, " + config.eventLoopThreads() + " event loop(s)";
    }

    /**
     * @return the bound port.
     */
    int port()
    {
        return ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    /**
     * Stop accepting (if bound).
     */
    void closePort()
    {
        if (serverChannel != null)
        {
            serverChannel.close().syncUninterruptibly();
        }
    }

    /**
     * Stop the event loops, waiting for them.
     */
    void shutdown()
    {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * Stop the event loops after a failed start, without waiting.
     */
    void abandon()
    {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private static void schedule(final MultiThreadIoEventLoopGroup group, final ThreadScheduling scheduling)
    {
        for (final EventExecutor loop : group)
        {
            final String refused = loop.submit(scheduling::applyToCurrentThread).syncUninterruptibly().getNow();
            if (refused == null)
            {
                LOG.info("event loop runs with {}", scheduling);
            }
            else
            {
                LOG.warn("event loop stays on the default scheduling: {}", refused);
            }
        }
    }

    private static String randomToken()
    {
        final byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
