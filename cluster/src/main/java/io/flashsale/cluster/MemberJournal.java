package io.flashsale.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import io.flashsale.engine.journal.DataDirectoryLayout;
import io.flashsale.engine.journal.Journal;
import io.flashsale.engine.journal.JournalWriter;
import io.flashsale.engine.journal.RecordHandler;
import io.flashsale.engine.journal.SyncPolicy;

/**
 * A cluster member's Chronicle Queue journal of the records it applies: the {@link RecordHandler} sink of the
 * member's {@code CommandProcessor}, in the engine's layout ({@code journal/} under the member's data directory), so
 * {@code JournalAudit} and export read it like a standalone node's.
 * <p>
 * <b>Never twice.</b> After a restart the cluster loads the last snapshot and replays the log after it, so the
 * service sees again messages whose records are already journaled. The journal therefore keeps a stamp, the file
 * {@value #STAMP_FILE} next to {@code journal/}: the log position of the last message whose records it holds, and the
 * journal index of that message's excerpt. Each log message that emits records is one excerpt, committed when the
 * message is done ({@link #endMessage}), then stamped. On replay:
 * <ul>
 *   <li>a message at or below the stamped position is applied to the state but its records are not written;</li>
 *   <li>if the journal ends past the stamped index, the process died between a commit and its stamp: that excerpt is
 *       the next record-emitting message after the stamp, so that message's records are not written either.</li>
 * </ul>
 * The stamp file has two slots (position, index, check word); each stamp overwrites the older slot, check word last,
 * and opening takes the valid slot with the higher position. A stamp torn by a process death therefore reads as the
 * previous stamp, which is the "committed but not stamped" case above. The file is mapped: like the journal with
 * {@code SyncPolicy.NONE}, it survives a process crash through the page cache.
 * <p>
 * A message emitting more than one excerpt's worth of records (64 KB, ~3,000 expiries in one tick) is split by the
 * writer; a process death inside such a message keeps the excerpts committed so far and the rest of that message's
 * records are then not journaled (never duplicated).
 * <p>
 * Single-threaded: the clustered service's thread only, between {@link #open} and {@link #close}.
 */
public final class MemberJournal implements RecordHandler, AutoCloseable
{
    /** Name of the stamp file in the member's data directory. */
    public static final String STAMP_FILE = "journal-position.dat";

    private static final int POSITION_OFFSET = 0;
    private static final int INDEX_OFFSET = 8;
    private static final int CHECK_OFFSET = 16;
    private static final int SLOT_LENGTH = 32;
    private static final int STAMP_LENGTH = 2 * SLOT_LENGTH;
    private static final long CHECK_SEED = 0x5354414D505F5631L;

    private final Journal journal;
    private final JournalWriter writer;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer stamp;
    private int activeSlot;
    private long stampedPosition = -1;
    private long stampedIndex = -1;
    private boolean unstampedExcerpt;
    private boolean writing;
    private long recordsThisMessage;
    private long recordsSkipped;

    private MemberJournal(final Journal journal, final MappedByteBuffer mapped)
    {
        this.journal = journal;
        this.writer = journal.newWriter();
        this.mapped = mapped;
        this.stamp = new UnsafeBuffer(mapped);
        for (int slot = 0; slot < 2; slot++)
        {
            final int base = slot * SLOT_LENGTH;
            final long position = stamp.getLongVolatile(base + POSITION_OFFSET);
            final long index = stamp.getLongVolatile(base + INDEX_OFFSET);
            if (stamp.getLongVolatile(base + CHECK_OFFSET) == check(position, index) && position > stampedPosition)
            {
                activeSlot = slot;
                stampedPosition = position;
                stampedIndex = index;
            }
        }
        unstampedExcerpt = journal.lastIndex() != stampedIndex;
    }

    /**
     * Open (or create) the journal and its stamp in a member's data directory.
     *
     * @param dataDirectory the member's data directory.
     * @return the journal, owned by the caller.
     */
    public static MemberJournal open(final Path dataDirectory)
    {
        try
        {
            Files.createDirectories(dataDirectory);
            final Path stampFile = dataDirectory.resolve(STAMP_FILE);
            final MappedByteBuffer mapped;
            try (FileChannel channel = FileChannel.open(
                stampFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE))
            {
                mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, STAMP_LENGTH);
            }
            final Journal journal = new Journal(DataDirectoryLayout.journal(dataDirectory), SyncPolicy.NONE, false);
            return new MemberJournal(journal, mapped);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open the member journal in " + dataDirectory, ex);
        }
    }

    /**
     * Start a log message: its records are written unless the journal already holds them.
     *
     * @param logPosition the log position of the message (after it).
     */
    public void beginMessage(final long logPosition)
    {
        writing = logPosition > stampedPosition() && !unstampedExcerpt;
        recordsThisMessage = 0;
    }

    /**
     * End the message started by {@link #beginMessage}: commit its records as one excerpt and stamp the position.
     *
     * @param logPosition the same position as given to {@link #beginMessage}.
     */
    public void endMessage(final long logPosition)
    {
        if (recordsThisMessage == 0 || logPosition <= stampedPosition())
        {
            return;
        }
        if (writing)
        {
            writer.commit();
            stamp(logPosition, writer.lastIndex());
        }
        else
        {
            unstampedExcerpt = false;
            stamp(logPosition, journal.lastIndex());
        }
        writing = false;
    }

    /**
     * @return the log position of the last message whose records the journal holds, or -1.
     */
    public long stampedPosition()
    {
        return stampedPosition;
    }

    /**
     * @return records seen again on replay and not written, since open.
     */
    public long recordsSkipped()
    {
        return recordsSkipped;
    }

    /**
     * @return records written since open.
     */
    public long recordsWritten()
    {
        return writer.recordsWritten();
    }

    private void stamp(final long logPosition, final long index)
    {
        final int slot = 1 - activeSlot;
        final int base = slot * SLOT_LENGTH;
        stamp.putLongOrdered(base + POSITION_OFFSET, logPosition);
        stamp.putLongOrdered(base + INDEX_OFFSET, index);
        stamp.putLongOrdered(base + CHECK_OFFSET, check(logPosition, index));
        activeSlot = slot;
        stampedPosition = logPosition;
        stampedIndex = index;
    }

    private static long check(final long logPosition, final long index)
    {
        return logPosition ^ Long.rotateLeft(index, 29) ^ CHECK_SEED;
    }

    private boolean take()
    {
        recordsThisMessage++;
        if (!writing)
        {
            recordsSkipped++;
        }
        return writing;
    }

    @Override
    public void onSaleDefined(
        final long timestamp, final long saleId, final long openAt, final long closeAt, final long paymentWindowMillis)
    {
        if (take())
        {
            writer.onSaleDefined(timestamp, saleId, openAt, closeAt, paymentWindowMillis);
        }
    }

    @Override
    public void onSkuAdded(
        final long timestamp,
        final long skuId,
        final long saleId,
        final long storeId,
        final long price,
        final int stock,
        final int perUserLimit,
        final int maxOrdersPerBuyer)
    {
        if (take())
        {
            writer.onSkuAdded(timestamp, skuId, saleId, storeId, price, stock, perUserLimit, maxOrdersPerBuyer);
        }
    }

    @Override
    public void onLabelled(final long timestamp, final int kind, final long id, final byte[] name, final int length)
    {
        if (take())
        {
            writer.onLabelled(timestamp, kind, id, name, length);
        }
    }

    @Override
    public void onRestocked(final long timestamp, final long skuId, final int quantity)
    {
        if (take())
        {
            writer.onRestocked(timestamp, skuId, quantity);
        }
    }

    @Override
    public void onOrderReserved(
        final long timestamp,
        final long orderId,
        final long userId,
        final long skuId,
        final int quantity,
        final long price,
        final long deadline,
        final byte[] requestId,
        final int requestIdLength)
    {
        if (take())
        {
            writer.onOrderReserved(
                timestamp, orderId, userId, skuId, quantity, price, deadline, requestId, requestIdLength);
        }
    }

    @Override
    public void onOrderPaid(final long timestamp, final long orderId)
    {
        if (take())
        {
            writer.onOrderPaid(timestamp, orderId);
        }
    }

    @Override
    public void onOrderCancelled(final long timestamp, final long orderId)
    {
        if (take())
        {
            writer.onOrderCancelled(timestamp, orderId);
        }
    }

    @Override
    public void onOrderExpired(final long timestamp, final long orderId)
    {
        if (take())
        {
            writer.onOrderExpired(timestamp, orderId);
        }
    }

    /**
     * Commit nothing further and release the journal and the stamp.
     */
    @Override
    public void close()
    {
        writer.rollback();
        writer.close();
        journal.close();
        IoUtil.unmap(mapped);
    }
}
