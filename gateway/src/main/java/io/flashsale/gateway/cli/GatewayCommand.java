package io.flashsale.gateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.flashsale.cluster.LocalMembers;
import io.flashsale.cluster.ShardRouter;
import io.flashsale.cluster.config.ClusterConfig;
import io.flashsale.gateway.config.GatewayConfig;
import io.flashsale.gateway.config.SaleDefinition;
import io.flashsale.gateway.config.SaleParser;
import io.flashsale.gateway.server.ClusterGatewayServer;
import io.flashsale.process.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flashsale gateway --config FILE}: a cluster-mode gateway. Reads the cluster file every member and gateway
 * share, connects to every shard, installs the file's sale (idempotent across gateways), and serves the same HTTP API
 * as a single node. SIGTERM stops it cleanly. A bad cluster or sale file exits 2 with one line.
 */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Start a cluster-mode gateway: the HTTP API in front of the shards named in the cluster file.",
        "Buys route to the shard owning the SKU, pay/cancel/lookups to the shard in the order id; an answer comes only",
        "after the shard's majority committed the command. No shard leader within --unavailable-after -> 503.",
        "Exits 2 with one line on a bad cluster or sale file."})
public final class GatewayCommand implements Callable<Integer>
{
    /** Exit code of a configuration that cannot be used. */
    public static final int EXIT_BAD_CONFIG = ExitCodes.USAGE;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The cluster file (members, " +
        "shards, gateway address, sale).")
    private Path configFile;

    @Option(names = "--host", description = "Address to bind (default: the cluster file's gateway.host).")
    private String host;

    @Option(names = "--port", description = "TCP port; 0 picks a free one (default: the cluster file's " +
        "gateway.port).")
    private Integer port;

    @Option(names = "--egress-host", defaultValue = "127.0.0.1", description = "This machine's address as the " +
        "members reach it: they send results there (default: ${DEFAULT-VALUE}; set it when members run elsewhere).")
    private String egressHost;

    @Option(names = "--token", defaultValue = "${env:FLASHSALE_ADMIN_TOKEN}", description = "Admin bearer token " +
        "(default: $FLASHSALE_ADMIN_TOKEN; if unset, a random token is generated and written to --token-file).")
    private String token;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Where a generated admin token is written, " +
        "readable by its owner only (mode 600); never printed or logged (default: data/gateway-PORT.admin-token).")
    private Path tokenFile;

    @Option(names = "--unavailable-after", defaultValue = "5000", paramLabel = "MS", description = "A command no " +
        "shard leader answered within this is answered 503 UNAVAILABLE with Retry-After (default: " +
        "${DEFAULT-VALUE}).")
    private long unavailableAfterMs;

    @Option(names = "--resend-after", defaultValue = "2000", paramLabel = "MS", description = "An unanswered command " +
        "is sent again (same request id) after this (default: ${DEFAULT-VALUE}).")
    private long resendAfterMs;

    @Option(names = "--ring-size", defaultValue = "16384", description = "Ring slots, a power of two; a full ring " +
        "answers 503 (default: ${DEFAULT-VALUE}).")
    private int ringSize;

    @Option(names = "--max-in-flight", defaultValue = "8192", description = "Commands waiting for shards at most, " +
        "a power of two (default: ${DEFAULT-VALUE}).")
    private int maxInFlight;

    @Option(names = "--event-loop-threads", defaultValue = "1", description = "Netty event loops (default: " +
        "${DEFAULT-VALUE}).")
    private int eventLoopThreads;

    /**
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        System.exit(CommandLines.configure(new CommandLine(new GatewayCommand())).execute(args));
    }

    /**
     * Start the gateway without waiting.
     *
     * @return the running gateway.
     * @throws IOException if the sale file cannot be read.
     */
    public ClusterGatewayServer start() throws IOException
    {
        checkOptions();
        final ClusterConfig cluster = ClusterConfig.read(configFile);
        final long now = System.currentTimeMillis();
        final SaleDefinition sale = cluster.saleFile() != null ? SaleParser.read(cluster.saleFile(), now) :
            SaleParser.demo(now);
        final GatewayConfig gateway = new GatewayConfig()
            .host(host != null ? host : cluster.gatewayHost())
            .port(port != null ? port : cluster.gatewayPort())
            .adminToken(token)
            .eventLoopThreads(eventLoopThreads);
        Ports.requireFree(gateway.host(), gateway.port());
        final ShardRouter.Settings settings = new ShardRouter.Settings(ringSize, maxInFlight, resendAfterMs,
            unavailableAfterMs, egressHost, LocalMembers.gatewayAeronDirectory());
        return ClusterGatewayServer.start(gateway, cluster, sale, settings);
    }

    private void checkOptions()
    {
        if (ringSize < 1 || Integer.bitCount(ringSize) != 1)
        {
            throw CommandLines.badInput(spec, "--ring-size must be a power of two, got " + ringSize);
        }
        if (maxInFlight < 1 || Integer.bitCount(maxInFlight) != 1)
        {
            throw CommandLines.badInput(spec, "--max-in-flight must be a power of two, got " + maxInFlight);
        }
        if (resendAfterMs < 1 || unavailableAfterMs < 1)
        {
            throw CommandLines.badInput(spec, "--resend-after and --unavailable-after must be at least 1 ms, got " +
                resendAfterMs + " and " + unavailableAfterMs);
        }
        if (port != null)
        {
            Ports.requireInRange("--port", port, true);
        }
    }

    @Override
    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        final ClusterGatewayServer server = start();
        out.printf("flashsale cluster gateway listening on port %d (cluster file: %s)%n", server.port(),
            configFile.toAbsolutePath());
        if (server.tokenGenerated())
        {
            final Path file = tokenFile != null ? tokenFile :
                Path.of("data", "gateway-" + server.port() + ".admin-token");
            final Path written;
            try
            {
                written = AdminTokenFile.write(file, server.adminToken());
            }
            catch (final IOException ex)
            {
                server.close();
                throw ex;
            }
            out.printf("admin token (generated): in %s, readable by you only%n", written);
        }
        out.flush();
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            server.close();
            stopped.countDown();
        }, "flashsale-shutdown"));
        stopped.await();
        return 0;
    }
}
