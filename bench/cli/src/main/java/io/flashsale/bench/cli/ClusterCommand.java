package io.flashsale.bench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.flashsale.gateway.cli.AdminTokenFile;
import io.flashsale.gateway.cli.CommandLines;
import io.flashsale.gateway.cli.Ports;
import io.flashsale.gateway.config.SaleParser;
import io.flashsale.process.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flashsale cluster}: a local cluster on this box, laid out as three machines would run it (three member
 * processes, each hosting one member of every shard), a gateway on 8080 in this process, the demo sale split across
 * the shards. Ctrl-C / SIGTERM stops the gateway, then the members.
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Start a local cluster: 3 member processes (each one member of every shard, like 3 machines), a gateway on",
        "--port, the demo sale (or --sale) split across --shards shards. Kill one member process (kill -9 PID) to",
        "lose one machine: the shards elect new leaders and keep serving. Ctrl-C stops everything."})
public final class ClusterCommand implements Callable<Integer>
{
    /** Ports the cluster takes above --port-base per shard. */
    private static final int PORTS_PER_SHARD = 100;

    @Spec
    CommandSpec spec;

    @Option(names = "--shards", defaultValue = "2", description = "Shards (default: ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--members", defaultValue = "3", description = "Member processes (machines), each one member " +
        "of every shard: 3 (a majority survives one loss) or 1 (no replication; to measure what it costs) " +
        "(default: ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--archive-sync-level", defaultValue = "0", description = "Archive file sync: 0 page cache " +
        "(survives a process crash; one machine's loss is covered by the majority), 1 data, 2 data and metadata " +
        "(survive power loss on a majority) (default: ${DEFAULT-VALUE}).")
    int archiveSyncLevel;

    @Option(names = "--port", defaultValue = "8080", description = "The gateway's HTTP port (default: " +
        "${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", defaultValue = "data/cluster", description = "Members' data and logs (default: " +
        "${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port-base", defaultValue = "20000", description = "First of the members' UDP/TCP ports; " +
        "the cluster uses 100 per shard above it (default: ${DEFAULT-VALUE}).")
    int portBase;

    @Option(names = "--sale", paramLabel = "FILE", description = "Sale file (may carry a shardMap); default: the " +
        "embedded demo sale.")
    Path saleFile;

    @Option(names = "--heartbeat-timeout", defaultValue = "1500", paramLabel = "MS", description = "A follower " +
        "starts an election after this long without its leader (default: ${DEFAULT-VALUE}).")
    long heartbeatMs;

    @Option(names = "--token", defaultValue = "${env:FLASHSALE_ADMIN_TOKEN}", description = "Admin bearer token " +
        "(default: $FLASHSALE_ADMIN_TOKEN; if unset, a random token is generated and written to --token-file).")
    String token;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Where a generated admin token is written, " +
        "readable by its owner only (mode 600); never printed or logged (default: DATA-DIR/admin-token).")
    Path tokenFile;

    @Override
    public Integer call() throws Exception
    {
        checkOptions();
        System.out.printf("flashsale cluster: starting %d member process(es) (%d shard(s) each), data in %s%n",
            members, shards, dataDir.toAbsolutePath());
        final LocalClusterRun run = LocalClusterRun.start(dataDir, members, shards, portBase, port, saleFile,
            heartbeatMs, archiveSyncLevel, token);
        System.out.printf("gateway listening on http://127.0.0.1:%d (GET /cluster shows shards and leaders)%n",
            run.gateway().port());
        if (run.gateway().tokenGenerated())
        {
            final Path written;
            try
            {
                written = AdminTokenFile.write(tokenFile != null ? tokenFile : dataDir.resolve("admin-token"),
                    run.gateway().adminToken());
            }
            catch (final IOException ex)
            {
                run.close();
                throw ex;
            }
            System.out.printf("admin token (generated): in %s, readable by you only%n", written);
        }
        for (int m = 0; m < members; m++)
        {
            System.out.printf("member %d: pid %d, data %s, log %s%n", m, run.members().process(m).pid(),
                run.members().memberDirectory(m), dataDir.resolve("member-" + m + ".log").toAbsolutePath());
        }
        System.out.println("kill -9 one member pid to lose one machine; Ctrl-C stops everything");
        System.out.flush();
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            run.close();
            stopped.countDown();
        }, "flashsale-cluster-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }

    private void checkOptions() throws IOException
    {
        if (members != 1 && members != 3 && members != 5)
        {
            throw CommandLines.badInput(spec, "--members must be 1, 3 or 5, got " + members);
        }
        final int maxShards = (Ports.MAX_PORT - portBase) / PORTS_PER_SHARD;
        if (shards < 1 || shards > maxShards)
        {
            throw CommandLines.badInput(spec, "--shards must be in 1.." + Math.max(1, maxShards) + " (each takes " +
                PORTS_PER_SHARD + " ports above --port-base " + portBase + "), got " + shards);
        }
        if (archiveSyncLevel < 0 || archiveSyncLevel > 2)
        {
            throw CommandLines.badInput(spec, "--archive-sync-level must be 0, 1 or 2, got " + archiveSyncLevel);
        }
        if (heartbeatMs < 1)
        {
            throw CommandLines.badInput(spec, "--heartbeat-timeout must be at least 1 ms, got " + heartbeatMs);
        }
        Ports.requireInRange("--port", port, true);
        Ports.requireInRange("--port-base", portBase, false);
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir))
        {
            throw CommandLines.badInput(spec, "--data-dir: " + dataDir + " is not a directory");
        }
        if (saleFile != null)
        {
            SaleParser.read(saleFile, System.currentTimeMillis());
        }
        Ports.requireFree("127.0.0.1", port);
    }
}
