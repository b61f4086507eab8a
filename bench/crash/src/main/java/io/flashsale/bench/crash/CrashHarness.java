package io.flashsale.bench.crash;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.flashsale.engine.audit.AuditReport;
import io.flashsale.engine.audit.JournalAudit;
import io.flashsale.engine.journal.DataDirectoryLayout;

/**
 * Crash recovery harness: runs a node in its own JVM on one data directory, drives buys, pays and cancels at it from
 * several client threads, SIGKILLs it at a random moment, restarts it on the same directory, and checks what the
 * clients were told against the restarted node ({@link RecoveryCheck}). After the last kill it retries every request
 * id, stops the node with SIGTERM and checks the journal itself: every acknowledged order is in it and the offline
 * audit is clean. Seeded: the kill moments, the load and the samples repeat for a seed (the interleaving does not).
 * Not thread-safe; one run per instance.
 */
public final class CrashHarness
{
    private static final String TOKEN = "crash-harness-token";

    private final Settings settings;
    private final Random random;
    private final Ledger ledger = new Ledger();
    private final List<String> warnings = new ArrayList<>();

    /**
     * What to run.
     *
     * @param kills          kill points.
     * @param seed           random seed.
     * @param clients        client threads.
     * @param minRunMillis   shortest drive before a kill.
     * @param maxRunMillis   longest drive before a kill.
     * @param classpath      class path of the node JVM.
     * @param heap           node heap (-Xmx).
     * @param workDir        directory for the data directory, sale file and node log.
     * @param snapshotEvery  journal records between the node's snapshots.
     * @param retrySample    request ids retried after each restart (all of them after the last).
     */
    public record Settings(
        int kills, long seed, int clients, long minRunMillis, long maxRunMillis, String classpath, String heap,
        Path workDir, long snapshotEvery, int retrySample)
    {
    }

    /**
     * @param settings what to run.
     */
    public CrashHarness(final Settings settings)
    {
        this.settings = settings;
        this.random = new Random(settings.seed());
    }

    /**
     * Run every kill point and the final checks. The node is always gone when this returns.
     *
     * @param progress where to print one line per kill point as it completes (may be null).
     * @return the report.
     * @throws IOException if the node cannot be started or stops answering.
     * @throws InterruptedException if interrupted.
     */
    public CrashReport run(final PrintWriter progress) throws IOException, InterruptedException
    {
        final Path dataDir = settings.workDir().resolve("data");
        final Path sale = CrashSale.write(settings.workDir().resolve("crash-sale.json"));
        final Path log = settings.workDir().resolve("node.log");
        final List<KillPoint> points = new ArrayList<>();
        final AtomicLong requestSeq = new AtomicLong();
        NodeProcess node = start(dataDir, sale, log);
        try
        {
            node.awaitHealthy(120_000);
            for (int k = 1; k <= settings.kills(); k++)
            {
                final ClientDrive drive = ClientDrive.run(node.port(), ledger, random, requestSeq, "r" + k,
                    settings.clients(), settings.minRunMillis(), settings.maxRunMillis());
                node.kill();
                drive.stop();
                collect(node);
                final long journalBytes = journalBytes(dataDir);
                final long journalRecords = JournalOrders.records(dataDir);
                node = start(dataDir, sale, log);
                final long restart = node.awaitHealthy(120_000);
                final RecoveryCheck check = new RecoveryCheck(ledger, random);
                final List<String> failures = new ArrayList<>(check.run(node.port(), settings.retrySample()));
                failures.addAll(ledger.failures());
                final KillPoint point = new KillPoint(k, drive.ranMillis(), ledger.acknowledgedOrders(),
                    ledger.unknownBuys() + ledger.unknownStateChanges(), journalRecords, journalBytes, restart,
                    node.recoveryMillis(), node.recordsReplayed(), node.recoveredFrom(), check.checks(), failures);
                points.add(point);
                if (progress != null)
                {
                    progress.printf("kill %d: %d orders acknowledged, journal %d records, restart %d ms " +
                        "(replay %d ms, %d records from %s), %d checks %s%n", k, point.acknowledged(), journalRecords,
                        restart, point.replayMillis(), point.recordsReplayed(), point.recoveredFrom(), point.checks(),
                        point.passed() ? "passed" : "FAILED");
                    progress.flush();
                }
            }
            final List<String> finalFailures = new ArrayList<>(new RecoveryCheck(ledger, random).run(node.port(), -1));
            final int exit = node.stop();
            collect(node);
            if (exit != 0)
            {
                finalFailures.add("node exit code after SIGTERM: " + exit);
            }
            final long journalOrders = checkJournal(dataDir, finalFailures);
            return new CrashReport(points, finalFailures, ledger.acknowledgedOrders(), ledger.rejectedCount(),
                ledger.unknownBuys(), ledger.unknownStateChanges(), ledger.requests(), journalOrders, warnings);
        }
        finally
        {
            node.close();
        }
    }

    private NodeProcess start(final Path dataDir, final Path sale, final Path log) throws IOException
    {
        return NodeProcess.start(settings.classpath(), settings.heap(), dataDir, sale, TOKEN,
            settings.snapshotEvery(), log);
    }

    private void collect(final NodeProcess node)
    {
        for (final String line : node.notableLines())
        {
            if (warnings.size() < 40 && !warnings.contains(line))
            {
                warnings.add(line);
            }
        }
    }

    private long checkJournal(final Path dataDir, final List<String> failures)
    {
        final Map<Long, Ledger.Order> journaled = JournalOrders.read(dataDir);
        for (final Ledger.Order o : ledger.orders())
        {
            final Ledger.Order j = journaled.get(o.id);
            if (j == null)
            {
                failures.add("acknowledged order " + o.id + " (" + o.buy + ") is not in the journal");
            }
            else if (!j.buy.equals(o.buy))
            {
                failures.add("journal has order " + o.id + " as " + j.buy + " but " + o.buy + " was acknowledged");
            }
            else if (o.state != Ledger.RESERVED && j.state != o.state)
            {
                failures.add("journal has order " + o.id + " " + RecoveryCheck.name(j.state) + " but it was " +
                    "acknowledged " + RecoveryCheck.name(o.state));
            }
        }
        final AuditReport audit = JournalAudit.run(dataDir);
        for (final String v : audit.violations())
        {
            failures.add("audit: " + v);
        }
        return journaled.size();
    }

    private static long journalBytes(final Path dataDir)
    {
        try (Stream<Path> files = Files.list(DataDirectoryLayout.journal(dataDir)))
        {
            return files.mapToLong(p ->
            {
                try
                {
                    return Files.size(p);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            }).sum();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
