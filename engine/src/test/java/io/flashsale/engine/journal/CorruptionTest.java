package io.flashsale.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.wire.DocumentContext;

import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.pipeline.EngineConfig;
import io.flashsale.engine.snapshot.SnapshotStore;
import io.flashsale.engine.support.EngineClient;
import io.flashsale.engine.support.ManualClock;
import io.flashsale.engine.support.Result;

/**
 * Damaged journals and snapshots: a torn record stops start-up with a clear error naming the excerpt; a damaged
 * snapshot is skipped and the journal replayed in full, losing nothing.
 */
class CorruptionTest
{
    private static final long OPEN = 1_700_000_000_000L;

    @TempDir
    Path data;

    private final ManualClock clock = new ManualClock(OPEN + 1);

    private EngineConfig config()
    {
        return new EngineConfig().dataDirectory(data).clock(clock).tickIntervalMillis(0);
    }

    private void sellThree()
    {
        try (EngineClient node = new EngineClient(config()))
        {
            assertEquals(ResultCode.OK, node.defineSale(1, OPEN, OPEN + 1_000_000, 60_000).code());
            assertEquals(ResultCode.OK, node.addSku(1, 10, 100, 10, 5).code());
            for (int i = 1; i <= 3; i++)
            {
                assertEquals(ResultCode.RESERVED, node.buy(i, 10, 1, "id-" + i).code());
            }
        }
    }

    private void appendRaw(final byte[] excerpt)
    {
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(DataDirectoryLayout.journal(data))
            .rollCycle(LargeRollCycles.LARGE_DAILY).build();
            ExcerptAppender appender = queue.createAppender())
        {
            try (DocumentContext dc = appender.writingDocument())
            {
                final Bytes<?> bytes = dc.wire().bytes();
                bytes.write(excerpt);
            }
        }
    }

    @Test
    void shouldRefuseToStartOnTornRecordAndSayWhere()
    {
        sellThree();
        // a valid ORDER_PAID header that promises 16 payload bytes, followed by only 5 of them
        appendRaw(new byte[] {RecordDescriptor.ORDER_PAID, RecordDescriptor.VERSION, 16, 0, 1, 2, 3, 4, 5});
        final JournalCorruptedException ex = assertThrows(JournalCorruptedException.class,
            () -> new EngineClient(config().snapshotOnShutdown(false)));
        assertTrue(ex.getMessage().contains("torn record: ORDER_PAID"), ex.getMessage());
        assertTrue(ex.getMessage().contains("excerpt index 0x"), ex.getMessage());
    }

    @Test
    void shouldRefuseToStartOnUnknownRecordType()
    {
        sellThree();
        appendRaw(new byte[] {99, RecordDescriptor.VERSION, 0, 0});
        final JournalCorruptedException ex = assertThrows(JournalCorruptedException.class,
            () -> new EngineClient(config()));
        assertTrue(ex.getMessage().contains("unknown record type 99"), ex.getMessage());
    }

    @Test
    void shouldFallBackToFullReplayWhenSnapshotIsCorrupt() throws IOException
    {
        sellThree();
        final List<Path> files = new SnapshotStore(DataDirectoryLayout.snapshots(data)).list();
        assertEquals(1, files.size(), "clean shutdown wrote a snapshot");
        try (RandomAccessFile file = new RandomAccessFile(files.get(0).toFile(), "rw"))
        {
            file.seek(file.length() / 2);
            final int b = file.read();
            file.seek(file.length() / 2);
            file.write(b ^ 0x5A);
        }
        assertRecoveredByFullReplay();
    }

    @Test
    void shouldFallBackToFullReplayWhenSnapshotIsTruncated() throws IOException
    {
        sellThree();
        final Path snapshot = new SnapshotStore(DataDirectoryLayout.snapshots(data)).list().get(0);
        final byte[] bytes = Files.readAllBytes(snapshot);
        Files.write(snapshot, java.util.Arrays.copyOf(bytes, bytes.length - 20));
        assertRecoveredByFullReplay();
    }

    private void assertRecoveredByFullReplay()
    {
        try (EngineClient node = new EngineClient(config()))
        {
            assertEquals(null, node.engine().recovery().snapshot());
            assertEquals(3, node.engine().recovery().orders());
            final Result retry = node.buy(2, 10, 1, "id-2");
            assertEquals(ResultCode.DUPLICATE, retry.code());
            assertEquals(2, retry.orderId());
            assertEquals(3, node.sku(10).held());
        }
    }

    @Test
    void shouldRefuseSnapshotThatDoesNotBelongToTheJournal() throws IOException
    {
        sellThree();
        try (var files = Files.list(DataDirectoryLayout.journal(data)))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                Files.delete(file);
            }
        }
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> new EngineClient(config()));
        assertTrue(ex.getMessage().contains("does not contain index"), ex.getMessage());
    }
}
