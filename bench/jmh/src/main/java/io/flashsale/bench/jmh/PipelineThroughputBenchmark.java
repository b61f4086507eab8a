package io.flashsale.bench.jmh;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.flashsale.engine.command.SaleLimits;
import io.flashsale.engine.journal.SyncPolicy;
import io.flashsale.engine.metrics.EngineCounter;
import io.flashsale.engine.pipeline.CommandPublisher;
import io.flashsale.engine.pipeline.Engine;
import io.flashsale.engine.pipeline.EngineConfig;
import io.flashsale.engine.pipeline.WaitStrategyKind;

/**
 * Journaled orders per second through the whole engine: {@code tryNext} into the Disruptor ring, the business thread
 * deciding and applying each BUY, the records committed to a real Chronicle Queue at the end of each batch, and the
 * result handed to a counting sink. One invocation publishes {@value #BATCH} buys from the benchmark thread (spinning
 * when the ring is full, counted as {@code ringFullRetries}) and waits until the sink has seen all of their results,
 * so every operation counted is an order whose record is in the queue.
 * <p>
 * Thread layout measured: one producer (the JMH thread) and one engine thread with the {@link #waitStrategy} param;
 * no ticker, no periodic snapshots. Buys: 1 unit, a fresh UUID-shaped request id each, buyers spread over 2^27 ids,
 * SKUs drawn by {@link BuyWorkload} ("zipf" over 1,000 SKUs, or "hot": 90 % on one SKU); stock never runs out.
 * <p>
 * Memory: the engine keeps every order (about 150 bytes each with its presized tables), so an engine is replaced,
 * outside the measured time, once it holds {@value #MAX_ORDERS_PER_ENGINE} orders; its journal directory is deleted at
 * the same moment. {@code -prof gc} still counts the new engine's allocation: read B/op from iterations short enough
 * to need no replacement (the trial summary prints how many engines were used). Without a replacement, B/op is the
 * state's own growth (order store and request-id arena pages, about 74 bytes per order, plus the expiry queue), not
 * garbage. The trial fails in {@link #tearDown()} if the buys were answered with anything but RESERVED.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class PipelineThroughputBenchmark
{
    /** Buys published per invocation. */
    static final int BATCH = 1_000;
    /** Orders one engine takes before it is replaced (its state sized for them, fits a 2 GiB heap). */
    static final long MAX_ORDERS_PER_ENGINE = 6_000_000;

    private static final long SALE_ID = 1;
    private static final long HOUR_MILLIS = 3_600_000L;
    private static final long PAYMENT_WINDOW_MILLIS = 15 * 60_000L;
    private static final int PER_USER_LIMIT = 5;
    private static final long STORES = 50;
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int SPINS_PER_CLOCK_READ = 1 << 16;
    private static final int SPINS_BEFORE_YIELD = 256;

    /** How the engine thread waits for commands. */
    @Param({"SLEEPING", "PHASED", "YIELDING"})
    public WaitStrategyKind waitStrategy;

    /** SKU distribution: "zipf" or "hot" (see {@link BuyWorkload}). */
    @Param({"zipf", "hot"})
    public String skus;

    private final BuyOutcomes outcomes = new BuyOutcomes();
    private BuyWorkload workload;
    private Path directory;
    private Engine engine;
    private CommandPublisher publisher;
    private CountingSink sink;
    private long expectedResults;
    private long ordersInEngine;
    private long ringFullRetries;
    private long journalRecords;
    private long journalExcerpts;
    private int enginesUsed;

    /**
     * Ring-full retries of the producer, reported by JMH per iteration beside the score.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Producer
    {
        /** {@code buy} calls refused because the ring was full, each followed by a spin and a retry. */
        public long ringFullRetries;

        /**
         * Start each iteration from zero.
         */
        @Setup(Level.Iteration)
        public void reset()
        {
            ringFullRetries = 0;
        }
    }

    /**
     * Precompute the buys and start the first engine.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        workload = new BuyWorkload(skus, 0x5EED);
        startEngine();
    }

    /**
     * Replace a full engine (outside the measured time): keeps memory and disk bounded however long an iteration is.
     */
    @Setup(Level.Invocation)
    public void replaceFullEngine()
    {
        if (ordersInEngine + BATCH > MAX_ORDERS_PER_ENGINE)
        {
            stopEngine();
            System.gc();
            startEngine();
        }
    }

    /**
     * Publish a batch of buys and wait until all of them were journaled and answered.
     *
     * @param producer ring-full retry counter.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void buyBatch(final Producer producer)
    {
        final CommandPublisher ring = publisher;
        final BuyWorkload buys = workload;
        final byte[] requestId = buys.requestId();
        long retries = 0;
        for (int i = 0; i < BATCH; i++)
        {
            final long sequence = buys.next();
            final long userId = BuyWorkload.userId(sequence);
            final long skuId = buys.skuId(sequence);
            while (!ring.buy(null, sequence, userId, skuId, 1, requestId, 0, RequestIds.LENGTH))
            {
                retries++;
                Thread.onSpinWait();
            }
        }
        producer.ringFullRetries += retries;
        ringFullRetries += retries;
        ordersInEngine += BATCH;
        expectedResults += BATCH;
        awaitResults();
    }

    /**
     * Stop the engine, delete its journal and fail loudly if the trial measured rejections instead of orders.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        stopEngine();
        System.out.printf("%n[pipeline] waitStrategy=%s skus=%s: %d engine(s), buys: %s; ring-full retries %d; " +
            "journal %d records in %d excerpts (%.1f records per excerpt)%n",
            waitStrategy, skus, enginesUsed, outcomes.describe(), ringFullRetries, journalRecords, journalExcerpts,
            journalExcerpts == 0 ? 0.0 : (double)journalRecords / journalExcerpts);
        outcomes.requireReserved("PipelineThroughputBenchmark(" + waitStrategy + ", " + skus + ")");
    }

    private void startEngine()
    {
        directory = Directories.createTemp("flashsale-pipeline-bench");
        sink = new CountingSink();
        final EngineConfig config = new EngineConfig()
            .dataDirectory(directory)
            .waitStrategy(waitStrategy)
            .syncPolicy(SyncPolicy.NONE)
            .tickIntervalMillis(0)
            .snapshotEveryRecords(0)
            .snapshotOnShutdown(false)
            .expectedSkus(BuyWorkload.SKU_COUNT)
            .expectedOrders(MAX_ORDERS_PER_ENGINE)
            .maxOrders(MAX_ORDERS_PER_ENGINE);
        engine = Engine.start(config, sink);
        publisher = engine.publisher();
        enginesUsed++;
        ordersInEngine = 0;
        expectedResults = 0;
        defineSale();
        awaitResults();
        if (sink.otherNotOk() != 0)
        {
            throw new IllegalStateException("sale set-up was refused by the engine");
        }
    }

    private void defineSale()
    {
        final long now = System.currentTimeMillis();
        while (!publisher.defineSale(null, 0, SALE_ID, now - HOUR_MILLIS, now + 30 * 24 * HOUR_MILLIS,
            PAYMENT_WINDOW_MILLIS))
        {
            Thread.onSpinWait();
        }
        expectedResults++;
        for (int sku = 1; sku <= BuyWorkload.SKU_COUNT; sku++)
        {
            while (!publisher.addSku(null, 0, SALE_ID, sku, 1 + sku % STORES, 9_900 + sku, SaleLimits.MAX_STOCK,
                PER_USER_LIMIT, SaleLimits.defaultMaxOrdersPerBuyer(PER_USER_LIMIT)))
            {
                Thread.onSpinWait();
            }
            expectedResults++;
        }
    }

    private void awaitResults()
    {
        final long target = expectedResults;
        final CountingSink results = sink;
        int spins = 0;
        long deadline = 0;
        while (results.completed() < target)
        {
            if (spins < SPINS_BEFORE_YIELD)
            {
                Thread.onSpinWait();
            }
            else
            {
                Thread.yield();
            }
            if (++spins == SPINS_PER_CLOCK_READ)
            {
                spins = 0;
                final long now = System.nanoTime();
                if (deadline == 0)
                {
                    deadline = now + TIMEOUT_NANOS;
                }
                else if (now - deadline > 0)
                {
                    throw new IllegalStateException("engine answered " + results.completed() + " of " + target +
                        " commands in 30 s (failed: " + engine.failed() + ")");
                }
            }
        }
    }

    private void stopEngine()
    {
        if (engine == null)
        {
            return;
        }
        engine.close();
        journalRecords += engine.counters().get(EngineCounter.JOURNAL_RECORDS);
        journalExcerpts += engine.counters().get(EngineCounter.JOURNAL_EXCERPTS);
        outcomes.addAll(sink);
        engine = null;
        publisher = null;
        Directories.delete(directory);
        directory = null;
    }
}
