package io.flashsale.bench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
        "(default: $FLASHSALE_ADMIN_TOKEN; generated if unset).")
    String token;

    @Override
    public Integer call() throws Exception
    {
        if (members != 1 && members != 3 && members != 5)
        {
            System.err.println("flashsale: --members must be 1, 3 or 5, got " + members);
            return 2;
        }
        System.out.printf("flashsale cluster: starting %d member process(es) (%d shard(s) each), data in %s%n",
            members, shards, dataDir.toAbsolutePath());
        final LocalClusterRun run = LocalClusterRun.start(dataDir, members, shards, portBase, port, saleFile,
            heartbeatMs, archiveSyncLevel, token);
        System.out.printf("gateway listening on http://127.0.0.1:%d (GET /cluster shows shards and leaders)%n",
            run.gateway().port());
        if (run.gateway().tokenGenerated())
        {
            System.out.printf("admin token (generated, shown once): %s%n", run.gateway().adminToken());
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
        return 0;
    }
}
