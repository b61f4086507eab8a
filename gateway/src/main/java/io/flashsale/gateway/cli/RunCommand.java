package io.flashsale.gateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.engine.journal.DataDirectoryLockedException;
import io.flashsale.engine.journal.SyncPolicy;
import io.flashsale.engine.pipeline.EngineConfig;
import io.flashsale.engine.pipeline.WaitStrategyKind;
import io.flashsale.gateway.config.GatewayConfig;
import io.flashsale.gateway.config.SaleDefinition;
import io.flashsale.gateway.config.SaleParser;
import io.flashsale.gateway.server.GatewayServer;
import io.flashsale.process.ExitCodes;
import io.flashsale.process.SchedulingOptions;
import io.flashsale.process.ThreadScheduling;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flashsale run}: start a node. With no options: 127.0.0.1:8080, data under {@code ./data}, the embedded
 * Singles' Day demo sale opening at start. The journal is replayed before the port opens; SIGTERM (or Ctrl-C) stops
 * accepting, drains the ring, commits the journal, writes a snapshot and exits 0. A data directory another node holds
 * is refused at once: one line on standard error naming the directory and the holder's pid, exit code
 * {@value #EXIT_DIRECTORY_IN_USE}, nothing in the directory touched. So are bad options, an unreadable sale file and a
 * port in use: every check runs before the journal or any {@code .hlog} file is created.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Start a flash-sale node: the order engine (journal replayed first) behind the HTTP API.",
        "Without --sale, the embedded Singles' Day demo sale (23 brand stores, 301 SKUs) opens at first start.",
        "SIGTERM drains the ring, flushes the journal, writes a snapshot and exits 0.",
        "Exits 2 at once with one line on stderr, touching nothing, on a bad option or sale file, a port in use, or " +
            "a data directory another node holds. Logs go to stderr; stdout carries the node's address only."})
public final class RunCommand implements Callable<Integer>
{
    /** Exit code when another node holds the data directory. */
    public static final int EXIT_DIRECTORY_IN_USE = ExitCodes.USAGE;
    /** Buys of the node's JIT warm-up unless told otherwise (about 2 s on 2 cores). */
    public static final int DEFAULT_WARM_UP_ORDERS = 30_000;
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port; 0 picks a free one (default: " +
        "${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--data-dir", defaultValue = "data", description = "Directory of the journal, snapshots and " +
        ".hlog latency logs (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(names = "--token", defaultValue = "${env:FLASHSALE_ADMIN_TOKEN}", description = "Admin bearer token " +
        "(default: $FLASHSALE_ADMIN_TOKEN; if unset, a random token is generated and written to --token-file).")
    private String token;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Where a generated admin token is written, " +
        "readable by its owner only (mode 600); never printed or logged (default: DATA-DIR/admin-token).")
    private Path tokenFile;

    @Option(names = "--sale", paramLabel = "FILE", description = "Sale definition to install at start instead of the " +
        "demo: JSON only (YAML is not supported, to keep a YAML parser out of the node). Skipped when the journal " +
        "already holds a sale with its id.")
    private Path saleFile;

    @Option(names = "--no-demo", description = "Start with an empty catalogue when no --sale is given.")
    private boolean noDemo;

    @Option(names = "--ring-size", defaultValue = "16384", description = "Ring slots, a power of two; a full ring " +
        "answers 503 (default: ${DEFAULT-VALUE}).")
    private int ringSize;

    @Option(names = "--max-batch", defaultValue = "512", paramLabel = "COMMANDS", description = "Most commands the " +
        "engine takes as one batch: one journal excerpt, one reply flush (default: ${DEFAULT-VALUE}).")
    private int maxBatch;

    @Option(names = "--wait-strategy", defaultValue = "PHASED", description = "How the business thread waits: " +
        "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: spin 10 us, yield up to 100 us only after busy " +
        "batches, then block until woken, so an idle node sleeps; BUSY_SPIN/YIELDING need a spare core).")
    private WaitStrategyKind waitStrategy;

    @Option(names = "--sync-policy", defaultValue = "NONE", description = "Journal durability: NONE (survives a " +
        "process crash) or EVERY_BATCH (msync per batch, survives power loss) (default: ${DEFAULT-VALUE}).")
    private SyncPolicy syncPolicy;

    @Option(names = "--snapshot-every", defaultValue = "5000000", paramLabel = "RECORDS", description = "Journal " +
        "records between snapshots; 0 = only at shutdown (default: ${DEFAULT-VALUE}).")
    private long snapshotEvery;

    @Option(names = "--tick-millis", defaultValue = "100", description = "Interval of the engine's expiry ticks in " +
        "ms (default: ${DEFAULT-VALUE}).")
    private long tickMillis;

    @Option(names = "--expected-skus", defaultValue = "4096", description = "SKUs to size the state for " +
        "(default: ${DEFAULT-VALUE}).")
    private int expectedSkus;

    @Option(names = "--expected-orders", defaultValue = "1048576", description = "Orders to size the state for; " +
        "it grows beyond (default: ${DEFAULT-VALUE}).")
    private long expectedOrders;

    @Option(names = "--max-orders", defaultValue = "0", description = "State budget: orders the node holds at most; " +
        "new orders beyond it get 503 CAPACITY_EXHAUSTED while pay, cancel and queries keep working (default: 0 = " +
        "75%% of the maximum heap / 256 bytes per order).")
    private long maxOrders;

    @Option(names = "--warm-up-orders", defaultValue = "" + DEFAULT_WARM_UP_ORDERS, paramLabel = "BUYS",
        description = "Before the port opens, send this many buys (with pays, cancels and queries) over loopback to " +
        "a throwaway node in a temporary directory, so the first buyers do not wait for JIT compilation of the HTTP " +
        "and engine path; the node's own state and journal are not touched. Then one full GC, so the first young " +
        "collection under load does not copy what the start left. The default takes about 2 s on 2 cores, also " +
        "after a crash; 0 opens the port at once (default: ${DEFAULT-VALUE}).")
    private int warmUpOrders;

    @Mixin
    private SchedulingOptions schedulingOptions;

    @Option(names = "--event-loop-threads", defaultValue = "1", description = "Netty event loops (default: " +
        "${DEFAULT-VALUE}, for a 2-core box beside the engine thread).")
    private int eventLoopThreads;

    @Option(names = "--max-body-bytes", defaultValue = "262144", description = "Largest request body; larger gets " +
        "413 (default: ${DEFAULT-VALUE}).")
    private int maxBodyBytes;

    @Option(names = "--max-header-bytes", defaultValue = "8192", description = "Largest header block; larger gets " +
        "431 (default: ${DEFAULT-VALUE}).")
    private int maxHeaderBytes;

    @Option(names = "--max-request-line-bytes", defaultValue = "4096", description = "Longest request line; longer " +
        "gets 414 (default: ${DEFAULT-VALUE}).")
    private int maxRequestLineBytes;

    @Option(names = "--max-pipelined", defaultValue = "64", description = "Requests one connection may have waiting " +
        "for responses; beyond: 503 and reading pauses (default: ${DEFAULT-VALUE}).")
    private int maxPipelined;

    @Option(names = "--max-connections", defaultValue = "10000", description = "Open connections; beyond: 503 and " +
        "close (default: ${DEFAULT-VALUE}).")
    private int maxConnections;

    @Option(names = "--idle-timeout", defaultValue = "60", paramLabel = "SECONDS", description = "Close connections " +
        "silent this long with nothing in flight (default: ${DEFAULT-VALUE}).")
    private int idleTimeout;

    @Option(names = "--read-timeout", defaultValue = "10", paramLabel = "SECONDS", description = "A started request " +
        "must arrive completely within this; else 408 and close (default: ${DEFAULT-VALUE}).")
    private int readTimeout;

    @Option(names = "--metrics-top-skus", defaultValue = "20", paramLabel = "N", description = "Hottest SKUs that " +
        "get per-SKU series on /metrics and rows on the board, 0 to 1000; every SKU counts in the totals " +
        "(default: ${DEFAULT-VALUE}).")
    private int metricsTopSkus;

    @Option(names = "--currency", defaultValue = "CNY", paramLabel = "ISO4217", description = "Currency of the " +
        "sale's prices (minor units in sale files) for GMV on the board and /metrics (default: ${DEFAULT-VALUE}).")
    private String currency;

    /**
     * Run a node standalone (without the {@code flashsale} launcher).
     *
     * @param args the options of {@code run}.
     */
    public static void main(final String[] args)
    {
        System.exit(CommandLines.configure(new CommandLine(new RunCommand())).execute(args));
    }

    private ThreadScheduling scheduling()
    {
        final ThreadScheduling scheduling = schedulingOptions.resolve(spec.commandLine(), LOG::warn);
        if (scheduling.isRealtime() && !waitStrategy.blocksWhenIdle())
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--realtime-priority needs an engine " +
                "that blocks when idle: --wait-strategy BLOCKING or PHASED, not " + waitStrategy);
        }
        return scheduling;
    }

    /**
     * Start the node without installing the shutdown hook (the caller closes it).
     *
     * @return the running node.
     * @throws DataDirectoryLockedException if another node holds the data directory (nothing in it was touched).
     * @throws IllegalArgumentException if an option is out of range, the sale file is malformed or the port is in
     *                                  use (nothing was created).
     * @throws Exception if the sale file cannot be read or the node cannot start.
     */
    public GatewayServer start() throws Exception
    {
        if (expectedSkus < 1 || expectedOrders < 1)
        {
            throw new IllegalArgumentException("--expected-skus and --expected-orders must be at least 1, got " +
                expectedSkus + " and " + expectedOrders);
        }
        final ThreadScheduling scheduling = scheduling();
        final GatewayConfig gateway = new GatewayConfig()
            .host(host)
            .port(port)
            .adminToken(token)
            .eventLoopThreads(eventLoopThreads)
            .maxBodyBytes(maxBodyBytes)
            .maxHeaderBytes(maxHeaderBytes)
            .maxInitialLineBytes(maxRequestLineBytes)
            .maxPipelined(maxPipelined)
            .maxConnections(maxConnections)
            .idleTimeoutSeconds(idleTimeout)
            .readTimeoutSeconds(readTimeout)
            .warmUpBuys(warmUpOrders)
            .idleCompilerThreads(schedulingOptions.idleCompilerThreads(spec.commandLine()))
            .scheduling(scheduling)
            .metricsTopSkus(metricsTopSkus)
            .currency(currency);
        final EngineConfig engine = new EngineConfig()
            .dataDirectory(dataDir)
            .ringSize(ringSize)
            .maxBatchSize(maxBatch)
            .waitStrategy(waitStrategy)
            .syncPolicy(syncPolicy)
            .snapshotEveryRecords(snapshotEvery)
            .tickIntervalMillis(tickMillis)
            .expectedSkus(expectedSkus)
            .expectedOrders(expectedOrders)
            .maxOrders(maxOrders)
            .scheduling(scheduling);
        final long now = System.currentTimeMillis();
        final SaleDefinition sale;
        if (saleFile != null)
        {
            sale = SaleParser.read(saleFile, now);
        }
        else
        {
            sale = noDemo ? null : SaleParser.demo(now);
        }
        Ports.requireFree(host, port);
        return GatewayServer.start(gateway, engine, sale, UnaryOperator.identity());
    }

    @Override
    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        final GatewayServer server = start();
        out.printf("flashsale node listening on http://%s:%d (data: %s)%n", host, server.port(),
            dataDir.toAbsolutePath());
        if (server.tokenGenerated())
        {
            final Path written;
            try
            {
                written = AdminTokenFile.write(tokenFile != null ? tokenFile : dataDir.resolve("admin-token"),
                    server.adminToken());
            }
            catch (final IOException ex)
            {
                server.close();
                throw ex;
            }
            out.printf("admin token (generated): in %s, readable by you only%n", written);
        }
        out.printf("dashboard: http://%s:%d/dashboard%n", host, server.port());
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            server.close();
            Runtime.getRuntime().halt(0);
        }, "flashsale-shutdown"));
        Thread.currentThread().join();
        return 0;
    }
}
