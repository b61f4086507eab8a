package io.flashsale.bench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.flashsale.bench.crash.LocalCluster;
import io.flashsale.cluster.LocalMembers;
import io.flashsale.cluster.ShardRouter;
import io.flashsale.cluster.config.ClusterConfig;
import io.flashsale.gateway.config.GatewayConfig;
import io.flashsale.gateway.config.SaleDefinition;
import io.flashsale.gateway.config.SaleParser;
import io.flashsale.gateway.server.ClusterGatewayServer;

/**
 * A whole cluster on this box: the three member processes of {@link LocalCluster} and a gateway in this process,
 * with the sale installed on every shard. Used by {@code flashsale cluster} and {@code flashsale demo --cluster}.
 * Closing stops the gateway first, then the members (SIGTERM).
 */
final class LocalClusterRun implements AutoCloseable
{
    private final LocalCluster members;
    private final ClusterGatewayServer gateway;
    private final ClusterConfig config;

    private LocalClusterRun(final LocalCluster members, final ClusterGatewayServer gateway, final ClusterConfig config)
    {
        this.members = members;
        this.gateway = gateway;
        this.config = config;
    }

    /**
     * @param directory  data and logs ({@code cluster.json}, {@code member-N/}, {@code member-N.log}).
     * @param shards     shards.
     * @param portBase   first port of the members' blocks.
     * @param httpPort   the gateway's port (0: any free one).
     * @param saleFile   the sale, or null for the embedded demo sale.
     * @param heartbeatMs leader heartbeat timeout.
     * @param token      the admin token, or null to generate one.
     * @return the running cluster and gateway.
     * @throws IOException if a file or process cannot be made.
     */
    static LocalClusterRun start(final Path directory, final int shards, final int portBase, final int httpPort,
        final Path saleFile, final long heartbeatMs, final String token) throws IOException
    {
        return start(directory, LocalCluster.MEMBERS, shards, portBase, httpPort, saleFile, heartbeatMs, 0, token);
    }

    static LocalClusterRun start(final Path directory, final int memberCount, final int shards, final int portBase,
        final int httpPort, final Path saleFile, final long heartbeatMs, final int archiveSyncLevel, final String token)
        throws IOException
    {
        Files.createDirectories(directory);
        final Path configFile = directory.resolve("cluster.json");
        LocalCluster.writeConfig(configFile, memberCount, shards, portBase, httpPort, saleFile, heartbeatMs,
            archiveSyncLevel);
        final ClusterConfig config = ClusterConfig.read(configFile);
        final long now = System.currentTimeMillis();
        final SaleDefinition sale = saleFile != null ? SaleParser.read(saleFile, now) : SaleParser.demo(now);
        final LocalCluster members = LocalCluster.start(directory, configFile,
            List.of("-cp", System.getProperty("java.class.path"), Flashsale.class.getName(), "member"), "768m",
            memberCount);
        try
        {
            final ClusterGatewayServer gateway = ClusterGatewayServer.start(
                new GatewayConfig().host(config.gatewayHost()).port(httpPort).adminToken(token),
                config, sale, new ShardRouter.Settings(16_384, 8_192, 2_000, 5_000, "127.0.0.1",
                    LocalMembers.gatewayAeronDirectory()));
            return new LocalClusterRun(members, gateway, config);
        }
        catch (final RuntimeException ex)
        {
            members.close();
            throw ex;
        }
    }

    LocalCluster members()
    {
        return members;
    }

    ClusterGatewayServer gateway()
    {
        return gateway;
    }

    ClusterConfig config()
    {
        return config;
    }

    @Override
    public void close()
    {
        try
        {
            gateway.close();
        }
        finally
        {
            members.close();
        }
    }
}
