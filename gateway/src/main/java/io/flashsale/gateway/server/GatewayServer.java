package io.flashsale.gateway.server;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.engine.journal.DataDirectoryLock;
import io.flashsale.engine.pipeline.Engine;
import io.flashsale.engine.pipeline.EngineConfig;
import io.flashsale.engine.pipeline.EngineWarmUp;
import io.flashsale.engine.pipeline.ResultSink;
import io.flashsale.gateway.config.GatewayConfig;
import io.flashsale.gateway.config.SaleDefinition;
import io.flashsale.gateway.config.SaleNames;
import io.flashsale.gateway.ops.GatewayMetrics;
import io.flashsale.gateway.ops.OpsSampler;
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
 * A running node: the engine (recovered from its journal before the port opens), the ops sampler, and the Netty
 * HTTP server in front. The composition root of the gateway:
 * <ol>
 *   <li>the data directory's lock, before anything else: a second node on the directory fails here, having touched
 *       nothing;</li>
 *   <li>event loops (epoll when available, else NIO) and one reply queue per loop;</li>
 *   <li>the engine, started with the gateway's result sink over those queues: start replays the journal;</li>
 *   <li>the JIT warm-up, if configured: a throwaway engine in a temporary directory ({@link EngineWarmUp});</li>
 *   <li>the initial sale, defined unless the journal already holds it;</li>
 *   <li>ops sampler (one thread; hlog files in the data directory), endpoints, router;</li>
 *   <li>bind the port.</li>
 * </ol>
 * {@link #close()} stops accepting, answers new requests 503, drains the ring, commits the journal and writes a
 * snapshot (engine close), then stops the event loops and the sampler, and releases the directory lock last.
 * Thread-safe.
 */
public final class GatewayServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    private static final int MIN_REPLY_SLOTS = 1024;

    private final DataDirectoryLock lock;
    private final MultiThreadIoEventLoopGroup group;
    private final Engine engine;
    private final OpsSampler sampler;
    private final ServerContext context;
    private final Channel serverChannel;
    private final String adminToken;
    private final boolean tokenGenerated;
    private final boolean saleDefined;
    private boolean closed;

    private GatewayServer(
        final GatewayConfig config,
        final EngineConfig engineConfig,
        final SaleDefinition sale,
        final UnaryOperator<ResultSink> sinkDecorator)
    {
        lock = DataDirectoryLock.acquire(engineConfig.dataDirectory());
        final boolean epoll = Epoll.isAvailable();
        final IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        final GatewayMetrics metrics = new GatewayMetrics();
        MultiThreadIoEventLoopGroup loops = null;
        Engine started = null;
        OpsSampler ops = null;
        try
        {
            loops = new MultiThreadIoEventLoopGroup(
                config.eventLoopThreads(), new DefaultThreadFactory("flashsale-http", true), io);
            group = loops;
            final int slots = Math.max(MIN_REPLY_SLOTS, engineConfig.ringSize());
            final List<ReplyQueue> queues = new ArrayList<>();
            for (final EventExecutor executor : group)
            {
                queues.add(new ReplyQueue((EventLoop)executor, slots, metrics));
            }
            final GatewayResultSink sink = new GatewayResultSink(queues.toArray(new ReplyQueue[0]));
            started = Engine.start(engineConfig, sinkDecorator.apply(sink), lock);
            engine = started;
            if (engineConfig.warmUpOrders() > 0)
            {
                final long warmStart = System.nanoTime();
                final long answered = EngineWarmUp.run(engineConfig, engineConfig.warmUpOrders());
                LOG.info("JIT warm-up: {} commands through a throwaway engine in {} ms", answered,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - warmStart));
            }
            final SaleNames names = new SaleNames(engine.labels());
            saleDefined = sale != null && SaleInstaller.install(engine, sale);
            ops = new OpsSampler(engine, metrics, engineConfig.dataDirectory(), 1000);
            sampler = ops;
            tokenGenerated = config.adminToken() == null;
            adminToken = tokenGenerated ? randomToken() : config.adminToken();
            final SalesView sales = new SalesView(engine::catalogView, names);
            context = new ServerContext(config, metrics, new Router(
                new OrderApi(engine.publisher()),
                new AdminApi(adminToken, engine.publisher(), sales),
                new OpsApi(engine, metrics, sampler, sales)), queues);
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
            LOG.info("listening on {} ({} transport, {} event loop(s))", serverChannel.localAddress(),
                epoll ? "epoll" : "nio", config.eventLoopThreads());
        }
        catch (final RuntimeException ex)
        {
            if (ops != null)
            {
                ops.close();
            }
            if (started != null)
            {
                started.close();
            }
            if (loops != null)
            {
                loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
            lock.close();
            throw ex;
        }
    }

    /**
     * Recover the engine, define the initial sale if the journal does not hold it, open the port.
     *
     * @param config        HTTP settings.
     * @param engineConfig  engine settings (data directory, ring, wait strategy, journal sync, snapshots).
     * @param sale          the sale to define at start, or null.
     * @param sinkDecorator wraps the gateway's result sink before the engine gets it ({@code UnaryOperator.identity()}
     *                      normally; tests use it to pause or observe the engine thread).
     * @return the running node.
     * @throws io.flashsale.engine.journal.DataDirectoryLockedException if another node holds the data directory
     *         (nothing in it was touched).
     */
    public static GatewayServer start(
        final GatewayConfig config,
        final EngineConfig engineConfig,
        final SaleDefinition sale,
        final UnaryOperator<ResultSink> sinkDecorator)
    {
        return new GatewayServer(config, engineConfig, sale, sinkDecorator);
    }

    private static String randomToken()
    {
        final byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * @return the bound port.
     */
    public int port()
    {
        return ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    /**
     * @return the admin bearer token (configured or generated).
     */
    public String adminToken()
    {
        return adminToken;
    }

    /**
     * @return true if the token was generated at start (print it once).
     */
    public boolean tokenGenerated()
    {
        return tokenGenerated;
    }

    /**
     * @return true if the initial sale was defined by this start (false: none given, or replayed from the journal).
     */
    public boolean saleDefined()
    {
        return saleDefined;
    }

    /**
     * @return the engine (for monitoring and tests).
     */
    public Engine engine()
    {
        return engine;
    }

    /**
     * @return the ops sampler.
     */
    public OpsSampler sampler()
    {
        return sampler;
    }

    /**
     * @return the gateway's counters.
     */
    public GatewayMetrics metrics()
    {
        return context.metrics();
    }

    /**
     * Stop accepting, drain the ring, commit the journal, write a snapshot, stop the event loops and the sampler.
     * Idempotent.
     */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            context.stopping(true);
            serverChannel.close().syncUninterruptibly();
            engine.close();
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            sampler.close();
        }
        finally
        {
            lock.close();
        }
        LOG.info("stopped");
    }
}
