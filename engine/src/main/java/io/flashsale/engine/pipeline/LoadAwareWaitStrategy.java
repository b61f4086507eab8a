package io.flashsale.engine.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

/**
 * The {@link WaitStrategyKind#PHASED} wait: spin briefly, then yield, but only while commands have been arriving
 * faster than the engine drains them, then block until a producer signals (producers pay that signal only when the
 * engine actually blocked).
 * <p>
 * Why the yield phase depends on the load: when the ring is kept full (a saturating benchmark), an engine that blocks
 * between batches costs the producer a futex wake and the batch a scheduler wake-up each time; yielding for a few tens
 * of microseconds keeps it awake (on this box: {@code bench/wrk/vs-nginx.sh} POST 96 k/s with a yield phase, 80–83 k/s
 * without). At a steady moderate rate, where each wait ends with a single command, that same yield phase only keeps a
 * core busy (70 % of a core at 10 k requests/s with 100 µs of yielding, against 9 % blocking) and takes the CPU from
 * the event loop and the load generator on a small box, so the engine blocks right after its spin. The engine thread
 * alone calls {@link #waitFor}; the size of the batch the previous wait returned is the measure of load.
 */
final class LoadAwareWaitStrategy implements WaitStrategy
{
    private static final int SPINS_BETWEEN_CLOCK_READS = 100;

    private final long spinNanos;
    private final long yieldNanos;
    private final long busyBatch;
    private final LiteBlockingWaitStrategy blocking = new LiteBlockingWaitStrategy();
    private long lastBatch;

    /**
     * @param spinNanos  how long to spin before yielding or blocking.
     * @param yieldNanos how long to yield after the spin when the previous batch was busy; 0 never yields.
     * @param busyBatch  commands in the previous batch from which it counts as busy.
     */
    LoadAwareWaitStrategy(final long spinNanos, final long yieldNanos, final long busyBatch)
    {
        if (spinNanos < 0 || yieldNanos < 0 || busyBatch < 1)
        {
            throw new IllegalArgumentException("spin and yield must be >= 0 and the busy batch >= 1");
        }
        this.spinNanos = spinNanos;
        this.yieldNanos = yieldNanos;
        this.busyBatch = busyBatch;
    }

    @Override
    public long waitFor(final long sequence, final Sequence cursor, final Sequence dependentSequence,
        final SequenceBarrier barrier) throws AlertException, InterruptedException
    {
        long available = dependentSequence.get();
        if (available < sequence)
        {
            available = waitForMore(sequence, cursor, dependentSequence, barrier);
        }
        lastBatch = available - sequence + 1;
        return available;
    }

    private long waitForMore(final long sequence, final Sequence cursor, final Sequence dependentSequence,
        final SequenceBarrier barrier) throws AlertException, InterruptedException
    {
        final long awakeNanos = spinNanos + (lastBatch >= busyBatch ? yieldNanos : 0);
        final long start = System.nanoTime();
        int spins = SPINS_BETWEEN_CLOCK_READS;
        while (true)
        {
            final long available = dependentSequence.get();
            if (available >= sequence)
            {
                return available;
            }
            if (--spins > 0)
            {
                Thread.onSpinWait();
                continue;
            }
            barrier.checkAlert();
            final long elapsed = System.nanoTime() - start;
            if (elapsed >= awakeNanos)
            {
                return blocking.waitFor(sequence, cursor, dependentSequence, barrier);
            }
            if (elapsed >= spinNanos)
            {
                Thread.yield();
                spins = 1;
            }
            else
            {
                spins = SPINS_BETWEEN_CLOCK_READS;
            }
        }
    }

    @Override
    public void signalAllWhenBlocking()
    {
        blocking.signalAllWhenBlocking();
    }

    @Override
    public String toString()
    {
        return "LoadAwareWaitStrategy{spin " + spinNanos / 1000 + " us, yield " + yieldNanos / 1000 +
            " us after batches of " + busyBatch + "+, then block}";
    }
}
