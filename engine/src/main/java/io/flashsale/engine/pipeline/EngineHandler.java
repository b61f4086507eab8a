package io.flashsale.engine.pipeline;

import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;

import io.flashsale.engine.command.Detail;
import io.flashsale.engine.command.EngineEvent;
import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.journal.Journal;
import io.flashsale.engine.journal.JournalWriter;
import io.flashsale.engine.logic.CommandProcessor;
import io.flashsale.engine.metrics.EngineCounter;
import io.flashsale.engine.metrics.EngineCounters;
import io.flashsale.engine.metrics.StageLatency;
import io.flashsale.engine.snapshot.SnapshotStore;
import io.flashsale.engine.state.EngineState;

/**
 * The engine's one consumer thread. Per event: decide and apply (stage 3), encoding records into the open journal
 * excerpt. At the end of each batch: commit the excerpt (stage 4), then hand every result of the batch to the sink
 * in ring order and clear the reply references (stage 5). Results are therefore never delivered before their records
 * are in the queue. On a 2-core machine one hot engine thread beats three handing events to each other.
 * <p>
 * Timing costs one {@code nanoTime} per event: an event's business time runs from its start to the next event's start
 * (or the batch end), so it includes the handler's own bookkeeping.
 * <p>
 * After a journal or internal failure the handler stops acknowledging: every result becomes UNAVAILABLE until the
 * node is restarted and the journal replayed.
 */
final class EngineHandler implements EventHandler<EngineEvent>
{
    private static final Logger LOG = LoggerFactory.getLogger(EngineHandler.class);

    private final EngineState state;
    private final Journal journal;
    private final SnapshotStore snapshots;
    private final ResultSink sink;
    private final EngineCounters counters;
    private final StageLatency latency;
    private final long snapshotEveryRecords;
    private final boolean snapshotOnShutdown;
    private final long maxOrders;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private RingBuffer<EngineEvent> ring;
    private JournalWriter writer;
    private CommandProcessor processor;
    private long appliedIndex;
    private long recordsAtLastSnapshot;
    private long recordsCounted;
    private long excerptsCounted;
    private long bytesCounted;
    private long batchStart = -1;
    private long eventStart;
    private volatile boolean failed;

    EngineHandler(
        final EngineState state,
        final long replayedIndex,
        final long recordsSinceSnapshot,
        final Journal journal,
        final SnapshotStore snapshots,
        final ResultSink sink,
        final EngineCounters counters,
        final StageLatency latency,
        final EngineConfig config)
    {
        this.state = state;
        this.appliedIndex = replayedIndex;
        // records replayed after the last snapshot count towards the next one, so a node that keeps crashing
        // before writing a full interval in one lifetime still snapshots and its replay stays bounded
        this.recordsAtLastSnapshot = -recordsSinceSnapshot;
        this.journal = journal;
        this.snapshots = snapshots;
        this.sink = sink;
        this.counters = counters;
        this.latency = latency;
        this.snapshotEveryRecords = config.snapshotEveryRecords();
        this.snapshotOnShutdown = config.snapshotOnShutdown();
        this.maxOrders = config.maxOrders();
    }

    void ring(final RingBuffer<EngineEvent> ring)
    {
        this.ring = ring;
    }

    CountDownLatch stopped()
    {
        return stopped;
    }

    @Override
    public void onStart()
    {
        writer = journal.newWriter();
        processor = new CommandProcessor(state, writer, maxOrders);
    }

    @Override
    public void onEvent(final EngineEvent event, final long sequence, final boolean endOfBatch)
    {
        // A SIGBUS on the mapped journal (disk full) surfaces as an asynchronous InternalError at the next method
        // return or safepoint, so the guard covers whole stages, not just the journal calls.
        try
        {
            handle(event, sequence);
        }
        catch (final Throwable ex)
        {
            fail("processing " + event.type() + " at sequence " + sequence, ex);
        }
        if (endOfBatch)
        {
            endBatch(sequence);
        }
    }

    private void handle(final EngineEvent event, final long sequence)
    {
        final long start = System.nanoTime();
        if (batchStart < 0)
        {
            batchStart = sequence;
        }
        else
        {
            latency.record(StageLatency.Stage.BUSINESS, start - eventStart);
        }
        eventStart = start;
        latency.record(StageLatency.Stage.RING_WAIT, start - event.publishNanos());
        if (failed)
        {
            event.result(ResultCode.UNAVAILABLE, Detail.NONE);
        }
        else
        {
            processor.process(event);
        }
    }

    private void endBatch(final long lastSequence)
    {
        try
        {
            final long end = System.nanoTime();
            latency.record(StageLatency.Stage.BUSINESS, end - eventStart);
            commit(end);
        }
        catch (final Throwable ex)
        {
            fail("committing the journal", ex);
        }
        final long first = batchStart < 0 ? lastSequence : batchStart;
        batchStart = -1;
        for (long s = first; s <= lastSequence; s++)
        {
            deliver(ring.get(s), s);
        }
        counters.add(EngineCounter.COMMANDS_PROCESSED, lastSequence - first + 1);
        sink.onEndOfBatch();
        if (snapshotEveryRecords > 0 && !failed &&
            writer.recordsWritten() - recordsAtLastSnapshot >= snapshotEveryRecords)
        {
            snapshot();
        }
    }

    private void deliver(final EngineEvent e, final long sequence)
    {
        if (failed)
        {
            e.result(ResultCode.UNAVAILABLE, Detail.NONE);
        }
        counters.result(e.result());
        try
        {
            sink.onResult(e);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("result sink failed on sequence {}", sequence, ex);
        }
        catch (final Error ex)
        {
            fail("delivering results", ex);
        }
        e.clearReplyTo();
    }

    private void commit(final long start)
    {
        if (failed)
        {
            writer.rollback();
            return;
        }
        try
        {
            if (writer.commit())
            {
                latency.record(StageLatency.Stage.JOURNAL, System.nanoTime() - start);
                appliedIndex = writer.lastIndex();
            }
        }
        catch (final Throwable ex)
        {
            fail("committing the journal", ex);
        }
        publishJournalCounters();
    }

    private void publishJournalCounters()
    {
        counters.add(EngineCounter.JOURNAL_RECORDS, writer.recordsWritten() - recordsCounted);
        counters.add(EngineCounter.JOURNAL_EXCERPTS, writer.excerptsWritten() - excerptsCounted);
        counters.add(EngineCounter.JOURNAL_BYTES, writer.bytesWritten() - bytesCounted);
        recordsCounted = writer.recordsWritten();
        excerptsCounted = writer.excerptsWritten();
        bytesCounted = writer.bytesWritten();
    }

    private void fail(final String what, final Throwable ex)
    {
        if (!failed)
        {
            LOG.error("engine failure while {}: no further command is acknowledged; restart the node to replay " +
                "the journal", what, ex);
        }
        failed = true;
        counters.add(EngineCounter.FAILURES, 1);
        try
        {
            writer.rollback();
        }
        catch (final RuntimeException rollbackFailure)
        {
            LOG.warn("journal rollback failed", rollbackFailure);
        }
    }

    private void snapshot()
    {
        if (appliedIndex < 0)
        {
            return;
        }
        final long start = System.nanoTime();
        try
        {
            snapshots.write(state, appliedIndex);
            recordsAtLastSnapshot = writer.recordsWritten();
            counters.add(EngineCounter.SNAPSHOTS_WRITTEN, 1);
            LOG.info("snapshot at journal index 0x{} written in {} ms", Long.toHexString(appliedIndex),
                (System.nanoTime() - start) / 1_000_000);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("snapshot failed (the journal still holds everything; replay will be longer)", ex);
        }
    }

    @Override
    public void onShutdown()
    {
        try
        {
            if (!failed)
            {
                commit(System.nanoTime());
                if (snapshotOnShutdown && (writer.recordsWritten() > recordsAtLastSnapshot ||
                    snapshots.list().isEmpty()))
                {
                    snapshot();
                }
            }
            writer.close();
        }
        catch (final RuntimeException ex)
        {
            LOG.error("engine shutdown incomplete", ex);
        }
        finally
        {
            stopped.countDown();
        }
    }

    boolean failed()
    {
        return failed;
    }
}
