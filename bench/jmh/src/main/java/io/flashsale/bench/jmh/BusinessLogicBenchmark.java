package io.flashsale.bench.jmh;

import java.util.concurrent.TimeUnit;

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

import io.flashsale.engine.command.CommandType;
import io.flashsale.engine.command.EngineEvent;
import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.command.SaleLimits;
import io.flashsale.engine.journal.RecordHandler;
import io.flashsale.engine.logic.CommandProcessor;
import io.flashsale.engine.state.EngineState;

/**
 * The business stage alone: {@link CommandProcessor#process} deciding and applying BUYs on one preallocated
 * {@link EngineEvent}, with a journal that discards records. No ring, no queue, no other thread: this is the cost
 * of the rules, the idempotency index, the per-user limit map and the order store per order.
 * <p>
 * Buys as in {@link PipelineThroughputBenchmark} (same {@link BuyWorkload}). The state keeps every order, so it is
 * replaced (outside the measured time) once it holds {@value #MAX_ORDERS_PER_STATE} orders; {@code -prof gc} counts
 * that replacement, so read B/op from iterations that need none (the trial summary prints the states used). The
 * trial fails in {@link #tearDown()} if the buys were answered with anything but RESERVED.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class BusinessLogicBenchmark
{
    /** Buys processed per invocation. */
    static final int BATCH = 1_000;
    /** Orders one state takes before it is replaced. */
    static final long MAX_ORDERS_PER_STATE = 6_000_000;

    private static final long SALE_ID = 1;
    private static final long HOUR_MILLIS = 3_600_000L;
    private static final long PAYMENT_WINDOW_MILLIS = 15 * 60_000L;
    private static final int PER_USER_LIMIT = 5;
    private static final long STORES = 50;

    /** SKU distribution: "zipf" or "hot" (see {@link BuyWorkload}). */
    @Param({"zipf", "hot"})
    public String skus;

    private final EngineEvent event = new EngineEvent();
    private final long[] outcomesNow = new long[ResultCode.values().length];
    private final BuyOutcomes outcomes = new BuyOutcomes();
    private BuyWorkload workload;
    private CommandProcessor processor;
    private long now;
    private long ordersInState;
    private int statesUsed;

    /**
     * Precompute the buys and build the first state.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        workload = new BuyWorkload(skus, 0x5EED);
        now = System.currentTimeMillis();
        newState();
    }

    /**
     * Replace a full state (outside the measured time).
     */
    @Setup(Level.Invocation)
    public void replaceFullState()
    {
        if (ordersInState + BATCH > MAX_ORDERS_PER_STATE)
        {
            processor = null;
            System.gc();
            newState();
        }
    }

    /**
     * Decide and apply a batch of buys.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void buyBatch()
    {
        final CommandProcessor logic = processor;
        final BuyWorkload buys = workload;
        final EngineEvent e = event;
        final byte[] requestId = buys.requestId();
        final long timestamp = now;
        final long[] counts = outcomesNow;
        for (int i = 0; i < BATCH; i++)
        {
            final long sequence = buys.next();
            e.reset(CommandType.BUY, null, sequence, timestamp, 0);
            e.userId(BuyWorkload.userId(sequence));
            e.skuId(buys.skuId(sequence));
            e.quantity(1);
            e.requestId(requestId, 0, RequestIds.LENGTH);
            logic.process(e);
            counts[e.result().ordinal()]++;
        }
        ordersInState += BATCH;
    }

    /**
     * Fail loudly if the trial measured rejections instead of orders.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        outcomes.addAll(outcomesNow);
        System.out.printf("%n[business] skus=%s: %d state(s), buys: %s%n", skus, statesUsed, outcomes.describe());
        outcomes.requireReserved("BusinessLogicBenchmark(" + skus + ")");
    }

    private void newState()
    {
        final EngineState state = new EngineState(BuyWorkload.SKU_COUNT, MAX_ORDERS_PER_STATE);
        state.onSaleDefined(now, SALE_ID, now - HOUR_MILLIS, now + 30 * 24 * HOUR_MILLIS, PAYMENT_WINDOW_MILLIS);
        for (int sku = 1; sku <= BuyWorkload.SKU_COUNT; sku++)
        {
            state.onSkuAdded(now, sku, SALE_ID, 1 + sku % STORES, 9_900 + sku, SaleLimits.MAX_STOCK, PER_USER_LIMIT,
                SaleLimits.defaultMaxOrdersPerBuyer(PER_USER_LIMIT));
        }
        processor = new CommandProcessor(state, new DiscardingJournal());
        ordersInState = 0;
        statesUsed++;
    }

    /**
     * A journal that drops every record: the benchmark measures the business stage without encoding.
     */
    private static final class DiscardingJournal implements RecordHandler
    {
        @Override
        public void onSaleDefined(
            final long timestamp, final long saleId, final long openAt, final long closeAt, final long window)
        {
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
        }

        @Override
        public void onLabelled(
            final long timestamp, final int kind, final long id, final byte[] name, final int length)
        {
        }

        @Override
        public void onRestocked(final long timestamp, final long skuId, final int quantity)
        {
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
        }

        @Override
        public void onOrderPaid(final long timestamp, final long orderId)
        {
        }

        @Override
        public void onOrderCancelled(final long timestamp, final long orderId)
        {
        }

        @Override
        public void onOrderExpired(final long timestamp, final long orderId)
        {
        }
    }
}
