package io.flashsale.bench.crash;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

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

    @Override
    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        final boolean temporary = workDir == null;
        final Path dir = temporary ? Files.createTempDirectory("flashsale-crash") : Files.createDirectories(workDir);
        final CrashHarness.Settings settings = new CrashHarness.Settings(kills, seed, clients, minRunMillis,
            maxRunMillis, classpath == null ? System.getProperty("java.class.path") : classpath, heap, dir,
            snapshotEvery, retrySample);
        out.printf("crash harness: %d kills, seed %d, %d clients, work dir %s%n", kills, seed, clients, dir);
        out.flush();
        try
        {
            final CrashReport report = new CrashHarness(settings).run(out);
            report.print(out);
            return report.passed() ? 0 : 1;
        }
        finally
        {
            if (temporary && !keep)
            {
                delete(dir);
            }
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
