package io.flashsale.bench.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import io.flashsale.engine.command.SaleLimits;
import io.flashsale.engine.journal.DataDirectoryLayout;
import io.flashsale.engine.journal.Journal;
import io.flashsale.engine.journal.JournalWriter;
import io.flashsale.engine.journal.SyncPolicy;
import io.flashsale.engine.pipeline.Engine;
import io.flashsale.engine.pipeline.EngineConfig;
import io.flashsale.engine.pipeline.RecoveryReport;

/**
 * Measures start-up recovery for a journal the size of a busy sale day: writes N orders (plus payments for half of
 * them) the way the live engine does (records of a batch share one excerpt), then times a full replay, a clean
 * shutdown's snapshot, and a restart from that snapshot.
 * <p>
 * Usage: {@code java <chronicle flags> -Xmx4g -cp flashsale.jar io.flashsale.bench.replay.ReplayTime [orders] [dir]}
 */
public final class ReplayTime
{
    private static final int BATCH = 512;

    private ReplayTime()
    {
    }

    /**
     * @param args optional order count (default 10,000,000) and directory (default a temp dir, deleted after).
     * @throws IOException if the directory cannot be used.
     */
    public static void main(final String[] args) throws IOException
    {
        final long orders = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        final boolean temporary = args.length < 2;
        final Path dir = temporary ? Files.createTempDirectory("flashsale-replay") : Path.of(args[1]);
        try
        {
            final long records = writeJournal(dir, orders);
            final EngineConfig config = new EngineConfig().dataDirectory(dir).tickIntervalMillis(0)
                .expectedOrders(orders).expectedSkus(1024).snapshotEveryRecords(0);
            final RecoveryReport full;
            final long snapshotStart;
            try (Engine engine = Engine.start(config, r -> { }))
            {
                full = engine.recovery();
                snapshotStart = System.nanoTime();
            }
            final long snapshotMillis = (System.nanoTime() - snapshotStart) / 1_000_000;
            final RecoveryReport fromSnapshot;
            try (Engine engine = Engine.start(config.snapshotOnShutdown(false), r -> { }))
            {
                fromSnapshot = engine.recovery();
            }
            System.out.printf("journal: %,d records (%,d orders), %,d MiB on disk%n", records, orders,
                sizeMiB(DataDirectoryLayout.journal(dir)));
            System.out.printf("full replay:          %,6d ms  (%,.0f records/s)%n", full.millis(),
                full.recordsReplayed() * 1000.0 / Math.max(1, full.millis()));
            System.out.printf("shutdown + snapshot:  %,6d ms  (%,d MiB)%n", snapshotMillis,
                sizeMiB(DataDirectoryLayout.snapshots(dir)));
            System.out.printf("restart from snapshot:%,6d ms  (%,d records after it)%n", fromSnapshot.millis(),
                fromSnapshot.recordsReplayed());
        }
        finally
        {
            if (temporary)
            {
                delete(dir);
            }
        }
    }

    private static long writeJournal(final Path dir, final long orders)
    {
        final long now = System.currentTimeMillis();
        final byte[] id = new byte[36];
        long records = 0;
        try (Journal journal = new Journal(DataDirectoryLayout.journal(dir), SyncPolicy.NONE, false))
        {
            final JournalWriter writer = journal.newWriter();
            writer.onSaleDefined(now, 1, now - 1000, now + 86_400_000, 900_000);
            for (int sku = 1; sku <= 1000; sku++)
            {
                writer.onSkuAdded(now, sku, 1, 1 + sku % 20, 10_000, SaleLimits.MAX_STOCK, 5,
                    SaleLimits.defaultMaxOrdersPerBuyer(5));
            }
            records += 1001;
            for (long o = 1; o <= orders; o++)
            {
                final int length = requestId(id, o);
                writer.onOrderReserved(now, o, o, 1 + o % 1000, 1, 10_000, now + 900_000, id, length);
                records++;
                if ((o & 1) == 0)
                {
                    writer.onOrderPaid(now, o - 1);
                    records++;
                }
                if (o % BATCH == 0)
                {
                    writer.commit();
                }
            }
            writer.close();
        }
        return records;
    }

    private static int requestId(final byte[] id, final long value)
    {
        long v = value;
        for (int i = id.length - 1; i >= 0; i--)
        {
            id[i] = (byte)('a' + (v % 26));
            v /= 26;
        }
        return id.length;
    }

    private static long sizeMiB(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.walk(dir))
        {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum() >> 20;
        }
    }

    private static void delete(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.walk(dir))
        {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
