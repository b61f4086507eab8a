package io.flashsale.gateway.ops;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.engine.metrics.EngineCounter;
import io.flashsale.engine.metrics.StageLatency;
import io.flashsale.engine.pipeline.Engine;
import io.flashsale.gateway.codec.ApiCode;

/**
 * The one thread that samples every latency recorder (the engine's are single-reader): once per interval it takes
 * each stage's interval histogram, appends it to that stage's {@code .hlog} interval log in the data directory
 * (HdrHistogram's log format, readable by {@code HistogramLogProcessor}), adds it to the since-start accumulation and
 * publishes an immutable {@link OpsSnapshot} with the buyers' per-second history, the sale's figures
 * ({@link SaleTracker}) and the node's status. Readers on any thread call {@link #latest()}.
 */
public final class OpsSampler implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(OpsSampler.class);
    private static final int HISTORY = 300;
    private static final double NANOS_PER_MILLI = 1_000_000.0;
    private static final double NANOS_PER_MICRO = 1_000.0;
    private static final double STALLED_AFTER_SECONDS = 2.0;
    private static final ApiCode[] CODES = ApiCode.values();

    private final Engine engine;
    private final GatewayMetrics metrics;
    private final long intervalMillis;
    private final LatencyStage[] stages = LatencyStage.values();
    private final Histogram[] recycled = new Histogram[stages.length];
    private final Histogram[] accumulated = new Histogram[stages.length];
    private final HistogramLogWriter[] writers = new HistogramLogWriter[stages.length];
    private final ArrayDeque<OpsSnapshot.Point> history = new ArrayDeque<>();
    private final SamplingThread sampling;
    private final long startMillis;
    private volatile OpsSnapshot latest;
    private final SaleTracker saleTracker;
    private final FileStore journalStore;
    private final long[] lastResponses = new long[CODES.length];
    private long lastSampleNanos;
    private long lastProcessed;
    private long stalledSinceNanos;

    /**
     * Open the interval logs and start the sampling thread.
     *
     * @param engine         the engine whose stages to sample.
     * @param metrics        the gateway's HTTP recorder.
     * @param hlogDirectory  where the {@code .hlog} files go (created if missing).
     * @param intervalMillis sampling interval (1000 for one interval per second).
     * @param topSkus        how many of the hottest SKUs to report (board and {@code /metrics}).
     */
    public OpsSampler(final Engine engine, final GatewayMetrics metrics, final Path hlogDirectory,
        final long intervalMillis, final int topSkus)
    {
        this.engine = engine;
        this.metrics = metrics;
        this.intervalMillis = intervalMillis;
        this.startMillis = System.currentTimeMillis();
        this.lastSampleNanos = System.nanoTime();
        this.lastProcessed = engine.counters().get(EngineCounter.COMMANDS_PROCESSED);
        this.saleTracker = new SaleTracker(topSkus);
        for (final ApiCode code : CODES)
        {
            lastResponses[code.ordinal()] = metrics.responses(TrafficClass.BUYER, code);
        }
        final String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        try
        {
            Files.createDirectories(hlogDirectory);
            for (final LatencyStage stage : stages)
            {
                final HistogramLogWriter writer = new HistogramLogWriter(
                    hlogDirectory.resolve("latency-" + stage.label() + "-" + stamp + ".hlog").toFile());
                writer.outputComment("flashsale " + stage.label() + " latency, values in nanoseconds");
                writer.outputLogFormatVersion();
                writer.outputStartTime(startMillis);
                writer.setBaseTime(startMillis);
                writer.outputLegend();
                writers[stage.ordinal()] = writer;
                accumulated[stage.ordinal()] = new Histogram(StageLatency.HIGHEST_TRACKABLE_NANOS, 3);
            }
        }
        catch (final FileNotFoundException ex)
        {
            closeWriters();
            throw new UncheckedIOException(ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        try
        {
            this.journalStore = Files.getFileStore(hlogDirectory);
        }
        catch (final IOException ex)
        {
            closeWriters();
            throw new UncheckedIOException(ex);
        }
        this.latest = new OpsSnapshot(System.currentTimeMillis(), 0, emptyCopies(), copies(accumulated),
            new OpsSnapshot.Point[0], SaleFigures.EMPTY, status(0, 0, 0));
        this.sampling = new SamplingThread("flashsale-ops", intervalMillis, this::sample);
    }

    /**
     * @return the latest snapshot (never null).
     */
    public OpsSnapshot latest()
    {
        return latest;
    }

    /**
     * @return when sampling started, epoch ms.
     */
    public long startMillis()
    {
        return startMillis;
    }

    private synchronized void sample()
    {
        final long nowNanos = System.nanoTime();
        final long nowMillis = System.currentTimeMillis();
        final double seconds = Math.max(1e-3, (nowNanos - lastSampleNanos) / 1e9);
        final long previousSampleNanos = lastSampleNanos;
        lastSampleNanos = nowNanos;
        final long processed = engine.counters().get(EngineCounter.COMMANDS_PROCESSED);
        if (engine.publisher().occupancy() > 0 && processed == lastProcessed)
        {
            stalledSinceNanos = stalledSinceNanos == 0 ? previousSampleNanos : stalledSinceNanos;
        }
        else
        {
            stalledSinceNanos = 0;
        }
        lastProcessed = processed;
        final Histogram[] intervals = new Histogram[stages.length];
        for (final LatencyStage stage : stages)
        {
            final int i = stage.ordinal();
            final Histogram interval = stage.engineStage() == null ?
                metrics.sampleHttpLatency(recycled[i]) : engine.latency().sample(stage.engineStage(), recycled[i]);
            recycled[i] = interval;
            final long from = Math.max(interval.getStartTimeStamp(), startMillis) - startMillis;
            final long to = Math.max(interval.getEndTimeStamp(), startMillis) - startMillis;
            writers[i].outputIntervalHistogram(from / 1000.0, Math.max(to, from) / 1000.0, interval, NANOS_PER_MILLI);
            accumulated[i].add(interval);
            intervals[i] = interval.copy();
        }
        final double[] outcomes = new double[BoardOutcome.values().length];
        long buyerResponses = 0;
        for (final ApiCode code : CODES)
        {
            final long now = metrics.responses(TrafficClass.BUYER, code);
            final long delta = now - lastResponses[code.ordinal()];
            lastResponses[code.ordinal()] = now;
            buyerResponses += delta;
            outcomes[BoardOutcome.of(code).ordinal()] += delta / seconds;
        }
        final long occupancy = engine.publisher().occupancy();
        final SaleFigures sale = saleTracker.sample(engine.catalogView(), nowMillis, seconds);
        final Histogram http = intervals[LatencyStage.HTTP_TOTAL.ordinal()];
        history.addLast(new OpsSnapshot.Point(nowMillis, buyerResponses / seconds, outcomes,
            micros(http, 50), micros(http, 99), micros(http, 99.9), http.getMaxValue() / NANOS_PER_MICRO,
            micros(intervals[LatencyStage.JOURNAL.ordinal()], 99), occupancy, sale.gmvReservedMinor(),
            sale.gmvPaidMinor()));
        while (history.size() > HISTORY)
        {
            history.removeFirst();
        }
        final double unavailableShare = buyerResponses == 0 ? 0 :
            outcomes[BoardOutcome.UNAVAILABLE.ordinal()] * seconds / buyerResponses;
        latest = new OpsSnapshot(nowMillis, seconds, intervals, copies(accumulated),
            history.toArray(new OpsSnapshot.Point[0]), sale, status(nowNanos, occupancy, unavailableShare));
    }

    /**
     * Block until the sampler has taken its next sample (one interval from now at the latest), e.g. to read numbers
     * that include requests just answered.
     *
     * @param timeoutMillis give up after this long.
     * @return true if a new sample was taken, false on time-out or when the sampler is closed.
     * @throws InterruptedException if interrupted while waiting.
     */
    public boolean awaitNextSample(final long timeoutMillis) throws InterruptedException
    {
        return sampling.awaitNextSample(timeoutMillis);
    }

    private static double micros(final Histogram h, final double percentile)
    {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / NANOS_PER_MICRO;
    }

    private OpsSnapshot.NodeStatus status(final long nowNanos, final long occupancy, final double unavailableShare)
    {
        final double stalled = stalledSinceNanos == 0 ? 0 : (nowNanos - stalledSinceNanos) / 1e9;
        long free = 0;
        long total = 0;
        try
        {
            free = journalStore.getUsableSpace();
            total = journalStore.getTotalSpace();
        }
        catch (final IOException ex)
        {
            LOG.warn("cannot read the journal's file system size: {}", ex.toString());
        }
        final String state;
        final String reason;
        if (engine.failed() || engine.counters().get(EngineCounter.FAILURES) > 0)
        {
            state = "FAILED";
            reason = "the engine stopped after a journal or internal failure: every order is answered " +
                "UNAVAILABLE until a restart";
        }
        else if (stalled >= STALLED_AFTER_SECONDS)
        {
            state = "STALLED";
            reason = occupancy + " commands wait in the ring and none was processed for " + Math.round(stalled) + " s";
        }
        else if (unavailableShare > 0.5)
        {
            state = "NOT_ACKNOWLEDGING";
            reason = Math.round(unavailableShare * 100) + " % of buyers' responses in the last second were UNAVAILABLE";
        }
        else
        {
            state = "ACKNOWLEDGING";
            reason = "";
        }
        return new OpsSnapshot.NodeStatus(state, reason, stalled, free, total);
    }

    private Histogram[] emptyCopies()
    {
        final Histogram[] empty = new Histogram[stages.length];
        for (int i = 0; i < empty.length; i++)
        {
            empty[i] = new Histogram(StageLatency.HIGHEST_TRACKABLE_NANOS, 3);
        }
        return empty;
    }

    private static Histogram[] copies(final Histogram[] source)
    {
        final Histogram[] copy = new Histogram[source.length];
        for (int i = 0; i < source.length; i++)
        {
            copy[i] = source[i].copy();
        }
        return copy;
    }

    /**
     * Stop sampling, take a last interval and close the logs.
     */
    @Override
    public void close()
    {
        sampling.stop();
        try
        {
            sample();
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("last ops sample failed", ex);
        }
        closeWriters();
    }

    private void closeWriters()
    {
        for (final HistogramLogWriter writer : writers)
        {
            if (writer != null)
            {
                writer.close();
            }
        }
    }
}
