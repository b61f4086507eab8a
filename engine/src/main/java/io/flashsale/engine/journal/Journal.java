package io.flashsale.engine.journal;

import java.nio.file.Path;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;

/**
 * The engine instance's one Chronicle Queue. Opening it is cheap; the writer must be created on the thread that
 * will append (Chronicle appenders are bound to one thread).
 */
public final class Journal implements AutoCloseable
{
    private final Path directory;
    private final SyncPolicy syncPolicy;
    private final SingleChronicleQueue queue;

    /**
     * @param directory  where the queue files live (created if missing).
     * @param syncPolicy durability of a commit.
     * @param readOnly   open for reading only (tools on a live or stopped node's journal).
     */
    public Journal(final Path directory, final SyncPolicy syncPolicy, final boolean readOnly)
    {
        this.directory = directory;
        this.syncPolicy = syncPolicy;
        this.queue = SingleChronicleQueueBuilder.binary(directory)
            .rollCycle(LargeRollCycles.LARGE_DAILY)
            .readOnly(readOnly)
            .build();
    }

    /**
     * Create the writer; call on the appending thread.
     *
     * @return a writer owning a new appender.
     */
    public JournalWriter newWriter()
    {
        return new JournalWriter(queue.createAppender(), syncPolicy == SyncPolicy.EVERY_BATCH);
    }

    /**
     * A reader positioned after the excerpt at {@code afterIndex}, or at the start when it is negative.
     *
     * @param afterIndex Chronicle index of the last excerpt already applied, or -1.
     * @return the reader; its tailer is closed with the journal.
     * @throws IllegalStateException if the journal does not contain {@code afterIndex}.
     */
    public JournalReader newReader(final long afterIndex)
    {
        final ExcerptTailer tailer = queue.createTailer();
        if (afterIndex >= 0)
        {
            if (!tailer.moveToIndex(afterIndex))
            {
                tailer.close();
                throw new IllegalStateException("journal in " + directory + " does not contain index 0x" +
                    Long.toHexString(afterIndex) + " (snapshot and journal do not belong together)");
            }
            try (var dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    throw new IllegalStateException("journal in " + directory + " ends before index 0x" +
                        Long.toHexString(afterIndex));
                }
            }
        }
        return new JournalReader(tailer);
    }

    /**
     * @return Chronicle index of the last excerpt in the queue, or -1 if empty.
     */
    public long lastIndex()
    {
        final long last = queue.lastIndex();
        return last < 0 ? -1 : last;
    }

    /**
     * @return bytes of queue files on disk (mapped size, for ops).
     */
    public long diskBytes()
    {
        long total = 0;
        final java.io.File[] files = directory.toFile().listFiles();
        if (files != null)
        {
            for (final java.io.File f : files)
            {
                total += f.length();
            }
        }
        return total;
    }

    @Override
    public void close()
    {
        queue.close();
    }
}
