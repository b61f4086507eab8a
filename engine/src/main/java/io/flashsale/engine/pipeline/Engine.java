package io.flashsale.engine.pipeline;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.EventProcessorFactory;
import com.lmax.disruptor.dsl.ProducerType;

import io.flashsale.engine.command.EngineEvent;
import io.flashsale.engine.journal.DataDirectoryLayout;
import io.flashsale.engine.journal.DataDirectoryLock;
import io.flashsale.engine.journal.Journal;
import io.flashsale.engine.journal.JournalReader;
import io.flashsale.engine.metrics.EngineCounter;
import io.flashsale.engine.metrics.EngineCounters;
import io.flashsale.engine.metrics.StageLatency;
import io.flashsale.engine.snapshot.SnapshotStore;
import io.flashsale.engine.state.CatalogView;
import io.flashsale.engine.state.EngineState;
import io.flashsale.engine.state.Labels;
import io.flashsale.process.ThreadScheduling;

/**
 * One engine instance: the composition root that wires the whole pipeline.
 * <ol>
 *   <li>Lock the data directory ({@link DataDirectoryLock}) before anything in it is read or created, then recover:
 *       load the newest intact snapshot, replay the journal after it (before any command is accepted).</li>
 *   <li>Callers publish commands through {@link #publisher()}: {@code tryNext} into the preallocated ring, full ring
 *       = OVERLOADED at the door.</li>
 *   <li>Business thread: decide each command, emit its records to the journal writer, apply them to the state.</li>
 *   <li>Same thread, end of batch: commit the batch's journal excerpt.</li>
 *   <li>Same thread, after the commit: hand each result to the caller's {@link ResultSink}, clear reply refs.</li>
 *   <li>Ticker thread: publishes TICK commands carrying the time, which expire unpaid reservations.</li>
 * </ol>
 * Thread-safe: {@link #publisher()} may be used by any number of threads; {@link #close()} drains the ring, commits
 * the journal, writes a snapshot and, last, releases the directory lock if the engine took it.
 */
public final class Engine implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final EngineConfig config;
    private final Journal journal;
    private final EngineState state;
    private final EngineCounters counters;
    private final StageLatency latency = new StageLatency();
    private final RecoveryReport recovery;
    private final Disruptor<EngineEvent> disruptor;
    private final EngineHandler handler;
    private final CommandPublisher publisher;
    private final ScheduledExecutorService ticker;
    private final DataDirectoryLock ownedLock;
    private boolean closed;

    private Engine(final EngineConfig config, final ResultSink sink, final DataDirectoryLock ownedLock)
    {
        this.config = config;
        this.ownedLock = ownedLock;
        this.counters = new EngineCounters();
        final long start = System.nanoTime();
        // 1. recover
        final SnapshotStore snapshots = new SnapshotStore(DataDirectoryLayout.snapshots(config.dataDirectory()));
        this.journal = new Journal(DataDirectoryLayout.journal(config.dataDirectory()), config.syncPolicy(), false);
        final SnapshotStore.Loaded loaded;
        final JournalReader reader;
        try
        {
            loaded = snapshots.loadLatest(this::newState);
            this.state = loaded == null ? newState() : loaded.state();
            reader = journal.newReader(loaded == null ? -1 : loaded.queueIndex());
            reader.readAll(state);
        }
        catch (final RuntimeException ex)
        {
            journal.close();
            throw ex;
        }
        state.compactExpiryQueues();
        if (config.clock() instanceof MonotonicEpochClock)
        {
            // a host whose clock is behind the journal stamps from the journal's last time on, at real pace
            ((MonotonicEpochClock)config.clock()).advanceTo(state.lastTimestamp());
        }
        final long lastIndex = reader.lastIndex() >= 0 ? reader.lastIndex() : loaded == null ? -1 : loaded.queueIndex();
        this.recovery = new RecoveryReport(
            loaded == null ? null : loaded.file(),
            loaded == null ? -1 : loaded.queueIndex(),
            reader.records(),
            lastIndex,
            state.orders().count(),
            (System.nanoTime() - start) / 1_000_000);
        counters.add(EngineCounter.RECORDS_REPLAYED, reader.records());
        LOG.info("recovered {} orders from {} and {} journal records in {} ms", recovery.orders(),
            loaded == null ? "no snapshot" : loaded.file().getFileName(), recovery.recordsReplayed(),
            recovery.millis());

        // 2-5. ring and the business thread (decide + journal + reply)
        this.handler = new EngineHandler(
            state, lastIndex, reader.records(), journal, snapshots, sink, counters, latency, config);
        this.disruptor = new Disruptor<>(
            EngineEvent::new, config.ringSize(), engineThread(config.scheduling()), ProducerType.MULTI,
            config.waitStrategy().create(config.scheduling().isRealtime()));
        final int maxBatchSize = config.maxBatchSize();
        final EventProcessorFactory<EngineEvent> bounded = (ring, gating) ->
        {
            final BatchEventProcessor<EngineEvent> processor = new BatchEventProcessorBuilder()
                .setMaxBatchSize(maxBatchSize)
                .build(ring, ring.newBarrier(gating), handler);
            processor.setExceptionHandler(new LoggingExceptionHandler());
            return processor;
        };
        disruptor.handleEventsWith(bounded);
        handler.ring(disruptor.getRingBuffer());
        this.publisher = new CommandPublisher(disruptor.start(), config.clock(), counters);

        // 6. ticker
        if (config.tickIntervalMillis() > 0)
        {
            this.ticker = Executors.newSingleThreadScheduledExecutor(daemonThreads("flashsale-ticker"));
            ticker.scheduleAtFixedRate(
                this::tick, config.tickIntervalMillis(), config.tickIntervalMillis(), TimeUnit.MILLISECONDS);
        }
        else
        {
            this.ticker = null;
        }
    }

    /**
     * Lock the data directory, recover the state from it and start the pipeline. The engine holds the lock until
     * {@link #close()} has closed the journal.
     *
     * @param config settings (see {@link EngineConfig}).
     * @param sink   receives every result on the business thread, after its records were journaled.
     * @return the running engine.
     * @throws io.flashsale.engine.journal.DataDirectoryLockedException if another node holds the data directory
     *         (nothing in it was touched).
     * @throws io.flashsale.engine.journal.JournalCorruptedException if the journal is damaged.
     * @throws IllegalStateException if snapshot and journal do not belong together.
     */
    public static Engine start(final EngineConfig config, final ResultSink sink)
    {
        final DataDirectoryLock lock = DataDirectoryLock.acquire(config.dataDirectory());
        try
        {
            return new Engine(config, sink, lock);
        }
        catch (final RuntimeException | Error ex)
        {
            lock.close();
            throw ex;
        }
    }

    /**
     * Recover the state from a data directory the caller has locked, and start the pipeline. For a node that writes
     * more than the engine into the directory: the caller keeps the lock, and releases it after {@link #close()}
     * and after its own writers have stopped.
     *
     * @param config settings (see {@link EngineConfig}).
     * @param sink   receives every result on the business thread, after its records were journaled.
     * @param lock   the caller's held lock on {@code config.dataDirectory()}; the engine never releases it.
     * @return the running engine.
     * @throws IllegalArgumentException if {@code lock} is released or locks another directory.
     * @throws io.flashsale.engine.journal.JournalCorruptedException if the journal is damaged.
     * @throws IllegalStateException if snapshot and journal do not belong together.
     */
    public static Engine start(final EngineConfig config, final ResultSink sink, final DataDirectoryLock lock)
    {
        if (!lock.covers(config.dataDirectory()))
        {
            throw new IllegalArgumentException("the lock on " + lock.directory() + " does not cover the data " +
                "directory " + config.dataDirectory().toAbsolutePath());
        }
        return new Engine(config, sink, null);
    }

    private EngineState newState()
    {
        return new EngineState(config.expectedSkus(), config.expectedOrders());
    }

    private void tick()
    {
        publisher.tick(null, 0);
    }

    private static ThreadFactory engineThread(final ThreadScheduling scheduling)
    {
        if (scheduling.isKernelDefault())
        {
            return daemonThreads("flashsale-engine");
        }
        return daemonThreads("flashsale-engine", runnable -> () ->
        {
            final String refused = scheduling.applyToCurrentThread();
            if (refused == null)
            {
                LOG.info("engine thread runs with {}", scheduling);
            }
            else
            {
                LOG.warn("engine thread stays on the default scheduling: {}", refused);
            }
            runnable.run();
        });
    }

    private static ThreadFactory daemonThreads(final String name)
    {
        return daemonThreads(name, UnaryOperator.identity());
    }

    private static ThreadFactory daemonThreads(final String name, final UnaryOperator<Runnable> wrap)
    {
        return runnable ->
        {
            final Thread thread = new Thread(wrap.apply(runnable), name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * @return the command port (thread-safe, non-blocking).
     */
    public CommandPublisher publisher()
    {
        return publisher;
    }

    /**
     * @return the engine's counters.
     */
    public EngineCounters counters()
    {
        return counters;
    }

    /**
     * @return the per-stage latency recorders.
     */
    public StageLatency latency()
    {
        return latency;
    }

    /**
     * @return what recovery did at start.
     */
    public RecoveryReport recovery()
    {
        return recovery;
    }

    /**
     * The catalogue as threads other than the business thread may read it (see {@link CatalogView}); a new view is
     * published after every definition, so call this per read.
     *
     * @return the latest published view.
     */
    public CatalogView catalogView()
    {
        return state.catalog().view();
    }

    /**
     * @return display names of sales, stores and SKUs (journaled; readable from any thread).
     */
    public Labels labels()
    {
        return state.labels();
    }

    /**
     * @return bytes of journal files on disk.
     */
    public long journalDiskBytes()
    {
        return journal.diskBytes();
    }

    /**
     * @return true once a journal or internal failure stopped acknowledgements.
     */
    public boolean failed()
    {
        return handler.failed();
    }

    /**
     * Stop the ticker, process every command already published, commit the journal, write a snapshot (if configured),
     * close the journal and release the directory lock if the engine took it. Commands published after close begins
     * may be lost unanswered; stop callers first.
     */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (ticker != null)
        {
            ticker.shutdownNow();
        }
        try
        {
            disruptor.shutdown(30, TimeUnit.SECONDS);
        }
        catch (final TimeoutException ex)
        {
            LOG.warn("ring did not drain in 30 s; halting");
            disruptor.halt();
        }
        try
        {
            if (!handler.stopped().await(60, TimeUnit.SECONDS))
            {
                LOG.warn("engine thread did not stop in 60 s");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        try
        {
            journal.close();
        }
        finally
        {
            if (ownedLock != null)
            {
                ownedLock.close();
            }
        }
    }

    /**
     * Exceptions escaping the handler are logged with their sequence; the handler itself catches business and journal
     * failures, so reaching this is a bug.
     */
    private static final class LoggingExceptionHandler implements ExceptionHandler<EngineEvent>
    {
        @Override
        public void handleEventException(final Throwable ex, final long sequence, final EngineEvent event)
        {
            LOG.error("unexpected exception at sequence {} ({})", sequence, event.type(), ex);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            LOG.error("engine thread failed to start", ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            LOG.error("engine thread failed to shut down", ex);
        }
    }
}
