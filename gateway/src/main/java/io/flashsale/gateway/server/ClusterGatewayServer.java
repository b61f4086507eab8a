package io.flashsale.gateway.server;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.cluster.LocalMembers;
import io.flashsale.cluster.ShardMap;
import io.flashsale.cluster.ShardRouter;
import io.flashsale.cluster.config.ClusterConfig;
import io.flashsale.cluster.config.ClusterConfigException;
import io.flashsale.gateway.config.GatewayConfig;
import io.flashsale.gateway.config.SaleDefinition;
import io.flashsale.gateway.ops.ClusterSampler;
import io.flashsale.gateway.ops.GatewayMetrics;
import io.netty.channel.Channel;

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
    private static final long INSTALL_TIMEOUT_MS = 60_000;

    private final HttpFront front;
    private final ShardRouter router;
    private final ClusterSampler sampler;
    private final ServerContext context;
    private boolean closed;

    private ClusterGatewayServer(
        final GatewayConfig config,
        final ClusterConfig cluster,
        final SaleDefinition sale,
        final ShardRouter.Settings settings)
    {
        final ShardMap shardMap = shardMap(sale, cluster.shards().size());
        final GatewayMetrics metrics = new GatewayMetrics();
        HttpFront opened = null;
        ShardRouter started = null;
        ClusterSampler ops = null;
        try
        {
            opened = new HttpFront(config, settings.ringSize(), metrics);
            front = opened;
            started = ShardRouter.start(cluster, shardMap, front.sink(), settings);
            router = started;
            if (sale != null)
            {
                SaleInstaller.installOnCluster(router.publisher(), sale, INSTALL_TIMEOUT_MS);
                LOG.info("sale {} installed on {} shard(s) (shard map version {})", sale.id(),
                    cluster.shards().size(), shardMap.version());
            }
            final SalesListing sales = new ClusterSalesListing(sale, shardMap);
            ops = new ClusterSampler(metrics, router.publisher(), cluster.shards().size(), router::status);
            sampler = ops;
            context = new ServerContext(config, metrics, new Router(
                new OrderApi(router.publisher()),
                new AdminApi(front.adminToken(), router.publisher(), sales),
                new ClusterOpsApi(router, metrics, sales, new LocalMembers(LocalMembers.defaultRoot()), sampler,
                    config.currency())),
                front.queues());
            final Channel channel = front.bind(context);
            LOG.info("cluster gateway listening on {} ({}; {} shard(s), {} member(s) each)", channel.localAddress(),
                front.transport(), cluster.shards().size(), cluster.members().size());
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
            if (opened != null)
            {
                opened.abandon();
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

    /**
     * @return the bound port.
     */
    public int port()
    {
        return front.port();
    }

    /**
     * @return the admin bearer token (configured or generated).
     */
    public String adminToken()
    {
        return front.adminToken();
    }

    /**
     * @return true if the token was generated at start (print it once).
     */
    public boolean tokenGenerated()
    {
        return front.tokenGenerated();
    }

    /**
     * @return the router (status per shard).
     */
    public ShardRouter router()
    {
        return router;
    }

    /**
     * @return the gateway's ops sampler (the board's history, the buyers' HTTP latency since start).
     */
    public ClusterSampler sampler()
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
        front.closePort();
        front.shutdown();
        router.close();
        sampler.close();
        LOG.info("stopped");
    }
}
