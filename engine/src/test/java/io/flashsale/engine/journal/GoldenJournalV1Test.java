package io.flashsale.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.engine.command.OrderState;
import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.pipeline.EngineConfig;
import io.flashsale.engine.support.EngineClient;
import io.flashsale.engine.support.ManualClock;
import io.flashsale.engine.support.Result;

/**
 * A data directory written by the build before record format 2 and snapshot format 2 (commit 70b0e38: one sale, two
 * SKUs, five orders paid, cancelled, expired and reserved, a restock, a clean shutdown that wrote a snapshot) still
 * recovers, from its snapshot and from its journal alone, to the same sale; and the buyer-scoped idempotency applies
 * to the orders it holds.
 */
class GoldenJournalV1Test
{
    private static final long T = 1_700_000_000_000L;

    @TempDir
    Path data;

    @Test
    void shouldRecoverAVersion1SnapshotAndJournal()
    {
        unzip();
        checkRecoveredSale();
    }

    @Test
    void shouldReplayAVersion1JournalWithoutItsSnapshot() throws IOException
    {
        unzip();
        try (Stream<Path> files = Files.walk(DataDirectoryLayout.snapshots(data)))
        {
            files.sorted(Comparator.reverseOrder()).forEach(GoldenJournalV1Test::delete);
        }
        checkRecoveredSale();
    }

    private void checkRecoveredSale()
    {
        final ManualClock clock = new ManualClock(T + 70_000);
        try (EngineClient node = new EngineClient(new EngineConfig().dataDirectory(data).clock(clock)
            .tickIntervalMillis(0)))
        {
            assertEquals(OrderState.PAID, node.order(1).state());
            assertEquals(OrderState.CANCELLED, node.order(2).state());
            assertEquals(OrderState.EXPIRED, node.order(3).state());
            assertEquals(OrderState.EXPIRED, node.order(4).state());
            assertEquals(OrderState.RESERVED, node.order(5).state());
            final Result razor = node.sku(100);
            assertEquals(8, razor.total(), "stock 5 + restock 3");
            assertEquals(2, razor.sold());
            assertEquals(1, razor.held());
            assertEquals(5, razor.available());
            assertEquals(1, node.sku(200).available());

            final Result retry = node.buy(7, 100, 2, "r-1");
            assertEquals(ResultCode.DUPLICATE, retry.code());
            assertEquals(1, retry.orderId());
            assertEquals(ResultCode.IDEMPOTENCY_CONFLICT, node.buy(7, 200, 1, "r-1").code());
            final Result otherBuyer = node.buy(99, 100, 1, "r-1");
            assertEquals(ResultCode.RESERVED, otherBuyer.code());
            assertNotEquals(1, otherBuyer.orderId());
            assertEquals(6, otherBuyer.orderId(), "the order id sequence continues");
            for (int i = 0; i < 2; i++)
            {
                assertEquals(ResultCode.RESERVED, node.buy(50, 100, 1, "cap-" + i).code());
            }
            assertEquals(ResultCode.LIMIT_EXCEEDED, node.buy(50, 100, 1, "cap-2").code(),
                "version 1 SKUs keep their per-user limit");
        }
    }

    private void unzip()
    {
        try (InputStream raw = getClass().getResourceAsStream("/golden/journal-and-snapshot-v1.zip");
            ZipInputStream zip = new ZipInputStream(raw))
        {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry())
            {
                final Path target = data.resolve(entry.getName()).normalize();
                if (!target.startsWith(data))
                {
                    throw new IllegalStateException("entry outside the directory: " + entry.getName());
                }
                if (entry.isDirectory())
                {
                    Files.createDirectories(target);
                }
                else
                {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void delete(final Path path)
    {
        try
        {
            Files.delete(path);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
