package io.flashsale.bench.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.flashsale.bench.loadgen.LoadOptions;
import io.flashsale.engine.pipeline.EngineConfig;
import io.flashsale.gateway.cli.CommandLines;
import io.flashsale.gateway.cli.Ports;
import io.flashsale.gateway.cli.RunCommand;
import io.flashsale.gateway.config.GatewayConfig;
import io.flashsale.gateway.config.SaleParser;
import io.flashsale.gateway.server.GatewayServer;
import io.flashsale.process.DurationConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flashsale demo}: start a node in this process with the embedded Singles' Day sale on a fresh journal, drive
 * it through the whole sale day compressed into about 30 seconds, print the report, write the HTML report and the
 * interval log, and stop the node cleanly.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Run a node in-process with the embedded demo sale and drive it through a compressed Singles' Day " +
            "(default 30 s; load generator and node share this machine's cores).",
        "Latency is measured open-loop from each request's intended send time (see 'flashsale loadgen --help').",
        "The curve's busiest second offers --peak arrivals (default 10000; --rate N for a constant rate instead).",
        "Writes reports/<name>.html and reports/<name>.hlog; exit code 0 if the audit passed (and every --threshold " +
            "held), 1 if the audit failed, 2 for bad options, 3 if a threshold failed.",
        ""})
public final class DemoCommand implements Callable<Integer>
{
    private static final String DEMO_DURATION = "30s";

    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "Journal directory of the node (default: a fresh temporary directory, deleted afterwards).")
    Path dataDir;

    @Option(names = "--port", defaultValue = "0",
        description = "HTTP port of the node (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--cluster", description = "Run the demo against a local cluster instead of a single node: 3 " +
        "member processes (each one member of both shards), a gateway in this process; data under --data-dir " +
        "(default: a fresh temporary directory).")
    boolean cluster;

    @Mixin
    LoadOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception
    {
        if (!spec.commandLine().getParseResult().hasMatchedOption("--duration"))
        {
            options.durationNanos(DurationConverter.parseNanos(DEMO_DURATION));
        }
        options.defaultName("demo");
        if (options.partOfSeveral())
        {
            throw CommandLines.badInput(spec, "--part and --start-at split one sale across several generators; the " +
                "demo runs one generator against its own node (use 'flashsale run' and 'flashsale loadgen --part')");
        }
        options.validate();
        checkOptions();
        final boolean temporary = dataDir == null;
        final Path data = temporary ? Files.createTempDirectory("flashsale-demo") : dataDir;
        try
        {
            return cluster ? clusterDemo(data) : nodeDemo(data);
        }
        finally
        {
            if (temporary)
            {
                deleteTree(data);
            }
        }
    }

    /**
     * Everything a bad option could stop, checked before a directory, a node or a report is created.
     */
    private void checkOptions() throws IOException
    {
        Ports.requireInRange("--port", port, true);
        if (dataDir != null && Files.exists(dataDir) && !Files.isDirectory(dataDir))
        {
            throw CommandLines.badInput(spec, "--data-dir: " + dataDir + " is not a directory");
        }
        options.plan(URI.create("http://127.0.0.1:" + Math.max(port, 1)));
        Ports.requireFree("127.0.0.1", port);
    }

    private int nodeDemo(final Path data) throws IOException
    {
        // one process: the node's engine thread and event loop are scheduled like the generator's event loops
        final GatewayConfig http = new GatewayConfig().port(port).scheduling(options.scheduling())
            .warmUpBuys(RunCommand.DEFAULT_WARM_UP_ORDERS).idleCompilerThreads(options.idleCompilerThreads());
        final EngineConfig engine = new EngineConfig().dataDirectory(data).scheduling(options.scheduling());
        System.out.println("flashsale demo: starting a node with the embedded Singles' Day sale, journal in " + data);
        final int exit;
        try (GatewayServer node = GatewayServer.start(http, engine, SaleParser.demo(System.currentTimeMillis()),
            UnaryOperator.identity()))
        {
            final URI target = URI.create("http://127.0.0.1:" + node.port());
            exit = options.runAndReport(options.plan(target), System.out);
            System.out.println("flashsale demo: stopping the node (drain ring, commit journal, snapshot)");
        }
        return exit;
    }

    private int clusterDemo(final Path data) throws Exception
    {
        System.out.println("flashsale demo: starting a local cluster (3 member processes, 2 shards) with the " +
            "embedded Singles' Day sale, data in " + data);
        final int exit;
        try (LocalClusterRun run = LocalClusterRun.start(data, 2, 20_000, port, null, 1_500, null))
        {
            final URI target = URI.create("http://127.0.0.1:" + run.gateway().port());
            exit = options.runAndReport(options.plan(target), System.out);
            System.out.println("flashsale demo: stopping the gateway and the members");
        }
        return exit;
    }

    private static void deleteTree(final Path root) throws IOException
    {
        try (Stream<Path> paths = Files.walk(root))
        {
            for (final Path p : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.deleteIfExists(p);
            }
        }
    }
}
