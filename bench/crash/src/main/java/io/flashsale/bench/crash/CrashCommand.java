package io.flashsale.bench.crash;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import io.flashsale.gateway.cli.CommandLines;
import io.flashsale.gateway.cli.Ports;
import io.flashsale.process.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flashsale crash}: kill -9 a node under load again and again, restart it on the same data directory, and check
 * that no acknowledged order was lost, nothing is oversold, and idempotency held. Prints the table of kill points and
 * exits 1 if any check failed.
 */
@Command(
    name = "crash",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Crash recovery harness: runs a node in its own JVM, drives buys, pays and cancels at it, SIGKILLs it at " +
            "random moments, restarts it on the same data directory and checks every acknowledged order, the stock, " +
            "and retries of acknowledged and rejected request ids; finally stops it and checks the journal and the " +
            "audit.",
        "Prints a table of kill points (orders acknowledged, journal size, restart and replay time, checks) and " +
            "exits 1 if any check failed."})
public final class CrashCommand implements Callable<Integer>
{
    /** The main class a cluster-mode member process runs ({@code flashsale member}). */
    public static final String MEMBER_MAIN = "io.flashsale.gateway.cli.MemberCommand";

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--kills", defaultValue = "20", description = "Kill points (default: ${DEFAULT-VALUE}).")
    private int kills;

    @Option(names = "--seed", defaultValue = "11", description = "Random seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--clients", defaultValue = "3", description = "Client threads, each one pipelining connection " +
        "(default: ${DEFAULT-VALUE}).")
    private int clients;

    @Option(names = "--min-run-ms", defaultValue = "500", description = "Shortest drive before a kill (default: " +
        "${DEFAULT-VALUE}).")
    private long minRunMillis;

    @Option(names = "--max-run-ms", defaultValue = "4000", description = "Longest drive before a kill (default: " +
        "${DEFAULT-VALUE}).")
    private long maxRunMillis;

    @Option(names = "--heap", defaultValue = "1g", description = "Heap of the node JVM (default: ${DEFAULT-VALUE}).")
    private String heap;

    @Option(names = "--snapshot-every", defaultValue = "200000", paramLabel = "RECORDS", description = "Journal " +
        "records between the node's snapshots, so some kills land near or inside one (default: ${DEFAULT-VALUE}).")
    private long snapshotEvery;

    @Option(names = "--retry-sample", defaultValue = "2000", description = "Acknowledged and rejected request ids " +
        "retried after each restart; all of them after the last (default: ${DEFAULT-VALUE}).")
    private int retrySample;

    @Option(names = "--work-dir", description = "Directory for the data directory, sale file and node log " +
        "(default: a temporary directory, deleted unless --keep).")
    private Path workDir;

    @Option(names = "--keep", description = "Keep the temporary work directory.")
    private boolean keep;

    @Option(names = "--classpath", description = "Class path of the node JVM (default: this JVM's, e.g. the " +
        "shaded flashsale.jar).")
    private String classpath;

    @Option(names = "--cluster", description = "Cluster mode: a local cluster of 3 member processes (each one " +
        "member of every shard) behind a gateway in this process; each kill SIGKILLs the process leading a random " +
        "shard (sometimes a follower), measures the failover, restarts it and checks every member's journal.")
    private boolean cluster;

    @Option(names = "--shards", defaultValue = "2", description = "Shards in cluster mode (default: " +
        "${DEFAULT-VALUE}).")
    private int shards;

    @Option(names = "--follower-share", defaultValue = "0.25", description = "Cluster mode: share of kills aimed " +
        "at a follower instead of the leader (default: ${DEFAULT-VALUE}).")
    private double followerShare;

    @Option(names = "--port-base", defaultValue = "21000", description = "Cluster mode: first of the members' " +
        "ports (default: ${DEFAULT-VALUE}).")
    private int portBase;

    @Override
    public Integer call() throws Exception
    {
        checkOptions();
        final PrintWriter out = spec.commandLine().getOut();
        final boolean temporary = workDir == null;
        final Path dir = temporary ? Files.createTempDirectory("flashsale-crash") : Files.createDirectories(workDir);
        if (cluster)
        {
            try
            {
                return runCluster(out, dir);
            }
            finally
            {
                if (temporary && !keep)
                {
                    delete(dir);
                }
            }
        }
        final CrashHarness.Settings settings = new CrashHarness.Settings(kills, seed, clients, minRunMillis,
            maxRunMillis, classpath == null ? System.getProperty("java.class.path") : classpath, heap, dir,
            snapshotEvery, retrySample);
        out.printf("crash harness: %d kills, seed %d, %d clients, work dir %s%n", kills, seed, clients, dir);
        out.flush();
        try
        {
            final CrashReport report = new CrashHarness(settings).run(out);
            report.print(out);
            return report.passed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
        finally
        {
            if (temporary && !keep)
            {
                delete(dir);
            }
        }
    }

    private int runCluster(final PrintWriter out, final Path dir) throws Exception
    {
        final String cp = classpath == null ? System.getProperty("java.class.path") : classpath;
        final ClusterCrashHarness.Settings settings = new ClusterCrashHarness.Settings(kills, seed, clients,
            minRunMillis, maxRunMillis, List.of("-cp", cp, MEMBER_MAIN), heap, dir, shards, portBase, followerShare,
            retrySample);
        out.printf("cluster crash harness: %d kills, %d shards x 3 members, seed %d, %d clients, work dir %s%n", kills,
            shards, seed, clients, dir);
        out.flush();
        final ClusterCrashHarness.Report report = new ClusterCrashHarness(settings).run(out);
        final long[] failover = report.failoverMillis();
        out.printf("%d orders acknowledged, %d requests, %d buys answered with their first order after a resend, %d " +
            "buys left uncertain (UNAVAILABLE, not resolved by a retry)%n", report.acknowledged(), report.requests(),
            report.afterResend(), report.uncertain());
        if (failover.length > 0)
        {
            out.printf("failover (kill of a leader until its shards answered again through the gateway): " +
                "p50 %d ms, max %d ms over %d kills%n", failover[(failover.length - 1) / 2],
                failover[failover.length - 1], failover.length);
        }
        for (final String failure : report.finalFailures())
        {
            out.println("FAILED: " + failure);
        }
        out.println(report.passed() ? "all checks passed" : "CHECKS FAILED");
        out.flush();
        return report.passed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private void checkOptions()
    {
        atLeast("--kills", kills, 1);
        atLeast("--clients", clients, 1);
        atLeast("--min-run-ms", minRunMillis, 1);
        atLeast("--max-run-ms", maxRunMillis, minRunMillis);
        atLeast("--snapshot-every", snapshotEvery, 0);
        atLeast("--retry-sample", retrySample, 0);
        atLeast("--shards", shards, 1);
        if (!heap.matches("[1-9][0-9]*[kKmMgG]?"))
        {
            throw CommandLines.badInput(spec, "--heap must be a JVM heap size such as 512m or 2g, got '" + heap + "'");
        }
        if (!(followerShare >= 0 && followerShare <= 1))
        {
            throw CommandLines.badInput(spec, "--follower-share must be in 0..1, got " + followerShare);
        }
        try
        {
            Ports.requireInRange("--port-base", portBase, false);
        }
        catch (final IllegalArgumentException ex)
        {
            throw CommandLines.badInput(spec, ex.getMessage());
        }
        if (workDir != null && Files.exists(workDir) && !Files.isDirectory(workDir))
        {
            throw CommandLines.badInput(spec, "--work-dir: " + workDir + " is not a directory");
        }
    }

    private void atLeast(final String option, final long value, final long min)
    {
        if (value < min)
        {
            throw CommandLines.badInput(spec, option + " must be at least " + min + ", got " + value);
        }
    }

    /**
     * @param dir a directory tree to delete.
     * @throws IOException on failure.
     */
    public static void delete(final Path dir) throws IOException
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir))
        {
            for (final Path p : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(p);
            }
        }
    }
}
