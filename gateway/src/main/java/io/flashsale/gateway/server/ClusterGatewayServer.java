package io.flashsale.gateway.server;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.cluster.LocalMembers;
import io.flashsale.cluster.ShardMap;
import io.flashsale.cluster.ShardRouter;
import io.flashsale.cluster.config.ClusterConfig;
import io.flashsale.cluster.config.ClusterConfigException;
import io.flashsale.gateway.config.GatewayConfig;
import io.flashsale.gateway.config.SaleDefinition;
import io.flashsale.gateway.ops.GatewayMetrics;
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
 * A gateway in cluster mode: the same HTTP front as a single node (event loops, decoding, reply queues, the same
 * endpoints and answers), with a {@link ShardRouter} where the engine was: commands go through the router's ring to
 * the shards that own them and every answer comes after the shard's majority committed it. The gateway keeps no
 * business state and no data directory; several gateways can front the same shards.
 * <p>
 * Start: event loops and reply queues, the router (which connects to every shard in the background), the sale
 * installed on the shards (idempotent: every gateway installs the same file), then the port. {@link #close()} stops
 * accepting, answers new requests 503, stops the router and the event loops. Thread-safe.
 */
public final class ClusterGatewayServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ClusterGatewayServer.class);
    private static final int MIN_REPLY_SLOTS = 1024;
    private static final long INSTALL_TIMEOUT_MS = 60_000;

    private final MultiThreadIoEventLoopGroup group;
    private final ShardRouter router;
    private final ServerContext context;
    private final Channel serverChannel;
    private final String adminToken;
    private final boolean tokenGenerated;
    private boolean closed;

    private ClusterGatewayServer(
        final GatewayConfig config,
        final ClusterConfig cluster,
        final SaleDefinition sale,
        final ShardRouter.Settings settings)
    {
        final ShardMap shardMap = shardMap(sale, cluster.shards().size());
        final boolean epoll = Epoll.isAvailable();
        final IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        final GatewayMetrics metrics = new GatewayMetrics();
        MultiThreadIoEventLoopGroup loops = null;
        ShardRouter started = null;
        try
        {
            loops = new MultiThreadIoEventLoopGroup(
                config.eventLoopThreads(), new DefaultThreadFactory("flashsale-http", true), io);
            group = loops;
            final int slots = Math.max(MIN_REPLY_SLOTS, settings.ringSize());
            final List<ReplyQueue> queues = new ArrayList<>();
            for (final EventExecutor executor : group)
            {
                queues.add(new ReplyQueue((EventLoop)executor, slots, metrics));
            }
            final GatewayResultSink sink = new GatewayResultSink(queues.toArray(new ReplyQueue[0]));
            started = ShardRouter.start(cluster, shardMap, sink, settings);
            router = started;
            if (sale != null)
            {
                SaleInstaller.installOnCluster(router.publisher(), sale, INSTALL_TIMEOUT_MS);
                LOG.info("sale {} installed on {} shard(s) (shard map version {})", sale.id(),
                    cluster.shards().size(), shardMap.version());
            }
            tokenGenerated = config.adminToken() == null;
            adminToken = tokenGenerated ? randomToken() : config.adminToken();
            final SalesListing sales = new ClusterSalesListing(sale, shardMap);
            context = new ServerContext(config, metrics, new Router(
                new OrderApi(router.publisher()),
                new AdminApi(adminToken, router.publisher(), sales),
                new ClusterOpsApi(router, metrics, sales, new LocalMembers(LocalMembers.defaultRoot()))), queues);
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
            LOG.info("cluster gateway listening on {} ({} shard(s), {} member(s) each)", serverChannel.localAddress(),
                cluster.shards().size(), cluster.members().size());
        }
        catch (final RuntimeException ex)
        {
            if (started != null)
            {
                started.close();
            }
            if (loops != null)
            {
                loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
            throw ex;
        }
    }

    /**
     * Start the router, install the sale on the shards, open the port.
     *
     * @param config   HTTP settings.
     * @param cluster  the cluster file.
     * @param sale     the sale to install, or null.
     * @param settings the router's settings.
     * @return the running gateway.
     * @throws ClusterConfigException if the sale's shard map does not fit the cluster file.
     */
    public static ClusterGatewayServer start(
        final GatewayConfig config,
        final ClusterConfig cluster,
        final SaleDefinition sale,
        final ShardRouter.Settings settings)
    {
        return new ClusterGatewayServer(config, cluster, sale, settings);
    }

    /**
     * @param sale   a sale, or null.
     * @param shards the cluster's shard count.
     * @return the sale's shard map (or the {@code skuId mod shards} rule, version 0).
     * @throws ClusterConfigException if the sale's map spreads over another number of shards.
     */
    public static ShardMap shardMap(final SaleDefinition sale, final int shards)
    {
        final SaleDefinition.ShardPlan plan = sale == null ? null : sale.shardMap();
        if (plan == null)
        {
            return new ShardMap(0, shards);
        }
        if (plan.shards() != shards)
        {
            throw new ClusterConfigException("the sale's shardMap (version " + plan.version() + ") spreads SKUs over " +
                plan.shards() + " shard(s) but the cluster file names " + shards);
        }
        final ShardMap map = new ShardMap(plan.version(), shards);
        for (final Map.Entry<Long, Integer> entry : plan.skus().entrySet())
        {
            map.assign(entry.getKey(), entry.getValue());
        }
        return map;
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
     * @return the router (status per shard).
     */
    public ShardRouter router()
    {
        return router;
    }

    /**
     * @return the gateway's counters.
     */
    public GatewayMetrics metrics()
    {
        return context.metrics();
    }

    /**
     * Stop accepting, answer new requests 503, stop the router and the event loops. Idempotent.
     */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        context.stopping(true);
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        router.close();
        LOG.info("stopped");
    }
}
