package io.flashsale.engine.pipeline;

import java.nio.file.Path;
import java.util.Objects;

import org.agrona.concurrent.EpochClock;

import io.flashsale.engine.journal.SyncPolicy;
import io.flashsale.process.ThreadScheduling;

/**
 * Settings of one engine instance. Defaults suit a small box; every one can be changed for a big one.
 * Mutable builder-style; the engine copies nothing, so do not change a config after {@link Engine#start}.
 */
public final class EngineConfig
{
    private Path dataDirectory = Path.of("data");
    private int ringSize = 1 << 14;
    private int maxBatchSize = 512;
    private ThreadScheduling scheduling = ThreadScheduling.kernelDefault();
    private WaitStrategyKind waitStrategy = WaitStrategyKind.PHASED;
    private SyncPolicy syncPolicy = SyncPolicy.NONE;
    private long snapshotEveryRecords = 5_000_000;
    private boolean snapshotOnShutdown = true;
    private long tickIntervalMillis = 100;
    private int expectedSkus = 4096;
    private long expectedOrders = 1 << 20;
    private long maxOrders = 0;
    private EpochClock clock = MonotonicEpochClock.system();

    /**
     * @return directory holding {@code journal/} and {@code snapshots/}.
     */
    public Path dataDirectory()
    {
        return dataDirectory;
    }

    /**
     * @param dataDirectory directory holding {@code journal/} and {@code snapshots/}.
     * @return this.
     */
    public EngineConfig dataDirectory(final Path dataDirectory)
    {
        this.dataDirectory = Objects.requireNonNull(dataDirectory);
        return this;
    }

    /**
     * @return ring slots (power of two).
     */
    public int ringSize()
    {
        return ringSize;
    }

    /**
     * @param ringSize ring slots, a power of two.
     * @return this.
     */
    public EngineConfig ringSize(final int ringSize)
    {
        if (ringSize < 1 || Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException("ring size must be a power of two: " + ringSize);
        }
        this.ringSize = ringSize;
        return this;
    }

    /**
     * @return most commands the business thread takes as one batch (one journal excerpt, one result flush).
     */
    public int maxBatchSize()
    {
        return maxBatchSize;
    }

    /**
     * Bound the batch so results are not held back behind a long backlog: a batch's results are delivered only after
     * its last command is processed and its excerpt committed.
     *
     * @param maxBatchSize most commands per batch, at least 1.
     * @return this.
     */
    public EngineConfig maxBatchSize(final int maxBatchSize)
    {
        if (maxBatchSize < 1)
        {
            throw new IllegalArgumentException("max batch size must be >= 1: " + maxBatchSize);
        }
        this.maxBatchSize = maxBatchSize;
        return this;
    }

    /**
     * @return how the business thread waits.
     */
    public WaitStrategyKind waitStrategy()
    {
        return waitStrategy;
    }

    /**
     * @param waitStrategy how the business thread waits.
     * @return this.
     */
    public EngineConfig waitStrategy(final WaitStrategyKind waitStrategy)
    {
        this.waitStrategy = Objects.requireNonNull(waitStrategy);
        return this;
    }

    /**
     * @return how the business thread is scheduled (default: the kernel's defaults).
     */
    public ThreadScheduling scheduling()
    {
        return scheduling;
    }

    /**
     * @param scheduling how the business thread is scheduled. A real-time thread must block when idle: only
     *                   {@link WaitStrategyKind#BLOCKING} and {@link WaitStrategyKind#PHASED} are accepted with it.
     * @return this.
     */
    public EngineConfig scheduling(final ThreadScheduling scheduling)
    {
        this.scheduling = Objects.requireNonNull(scheduling);
        return this;
    }

    /**
     * @return durability of a journal commit.
     */
    public SyncPolicy syncPolicy()
    {
        return syncPolicy;
    }

    /**
     * @param syncPolicy durability of a journal commit.
     * @return this.
     */
    public EngineConfig syncPolicy(final SyncPolicy syncPolicy)
    {
        this.syncPolicy = Objects.requireNonNull(syncPolicy);
        return this;
    }

    /**
     * @return journal records between snapshots; 0 disables periodic snapshots.
     */
    public long snapshotEveryRecords()
    {
        return snapshotEveryRecords;
    }

    /**
     * @param records journal records between snapshots; 0 disables periodic snapshots.
     * @return this.
     */
    public EngineConfig snapshotEveryRecords(final long records)
    {
        if (records < 0)
        {
            throw new IllegalArgumentException("snapshot interval must be >= 0: " + records);
        }
        this.snapshotEveryRecords = records;
        return this;
    }

    /**
     * @return whether a clean shutdown writes a snapshot.
     */
    public boolean snapshotOnShutdown()
    {
        return snapshotOnShutdown;
    }

    /**
     * @param snapshotOnShutdown whether a clean shutdown writes a snapshot.
     * @return this.
     */
    public EngineConfig snapshotOnShutdown(final boolean snapshotOnShutdown)
    {
        this.snapshotOnShutdown = snapshotOnShutdown;
        return this;
    }

    /**
     * @return milliseconds between TICK commands the engine publishes itself; 0 = none (the caller ticks).
     */
    public long tickIntervalMillis()
    {
        return tickIntervalMillis;
    }

    /**
     * @param tickIntervalMillis milliseconds between TICK commands; 0 = none (the caller ticks).
     * @return this.
     */
    public EngineConfig tickIntervalMillis(final long tickIntervalMillis)
    {
        if (tickIntervalMillis < 0)
        {
            throw new IllegalArgumentException("tick interval must be >= 0: " + tickIntervalMillis);
        }
        this.tickIntervalMillis = tickIntervalMillis;
        return this;
    }

    /**
     * @return SKUs to size the state for.
     */
    public int expectedSkus()
    {
        return expectedSkus;
    }

    /**
     * @param expectedSkus SKUs to size the state for.
     * @return this.
     */
    public EngineConfig expectedSkus(final int expectedSkus)
    {
        this.expectedSkus = expectedSkus;
        return this;
    }

    /**
     * @return orders to size the state for (it grows beyond).
     */
    public long expectedOrders()
    {
        return expectedOrders;
    }

    /**
     * @param expectedOrders orders to size the state for (it grows beyond).
     * @return this.
     */
    public EngineConfig expectedOrders(final long expectedOrders)
    {
        this.expectedOrders = expectedOrders;
        return this;
    }

    /**
     * Heap bytes one order may take in the state at worst: order arrays 33, a 64-byte request id 65, its share of the
     * idempotency table and of the per-buyer map right after they doubled, with the old table still alive, ~110.
     */
    public static final int STATE_BYTES_PER_ORDER = 256;
    /** Share of the maximum heap the order state may use when {@link #maxOrders(long)} is not set. */
    public static final double STATE_HEAP_SHARE = 0.75;

    /**
     * @return the state budget: orders the engine holds at most (new orders beyond it are CAPACITY_EXHAUSTED, pay,
     *         cancel and queries keep working); by default {@link #STATE_HEAP_SHARE} of the maximum heap divided by
     *         {@link #STATE_BYTES_PER_ORDER}, so the engine refuses orders before the heap runs out.
     */
    public long maxOrders()
    {
        return maxOrders > 0 ? maxOrders :
            Math.max(1, (long)(Runtime.getRuntime().maxMemory() * STATE_HEAP_SHARE) / STATE_BYTES_PER_ORDER);
    }

    /**
     * @param maxOrders the state budget in orders; 0 derives it from the heap (see {@link #maxOrders()}).
     * @return this.
     */
    public EngineConfig maxOrders(final long maxOrders)
    {
        if (maxOrders < 0)
        {
            throw new IllegalArgumentException("maxOrders must not be negative: " + maxOrders);
        }
        this.maxOrders = maxOrders;
        return this;
    }

    /**
     * @return the clock publishers stamp commands with (never read by the business logic); by default
     *         {@link MonotonicEpochClock#system()}, which the engine moves to the journal's last time at start.
     */
    public EpochClock clock()
    {
        return clock;
    }

    /**
     * @param clock the clock publishers stamp commands with.
     * @return this.
     */
    public EngineConfig clock(final EpochClock clock)
    {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }
}
