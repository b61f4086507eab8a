package io.flashsale.engine.pipeline;

import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * How the business thread waits for commands. On a 2-core box with event loops and a load generator beside it,
 * {@link #PHASED} (the default) answers as fast as {@link #SLEEPING} under load and lets an idle engine sleep
 * (about 1 % of a core for the whole idle node against 28 % with SLEEPING, measured on this box); {@link #YIELDING}
 * and {@link #BUSY_SPIN} suit machines with a core to spare for the engine.
 */
public enum WaitStrategyKind
{
    /** Lock and condition: lowest CPU, highest wake-up latency; producers pay a signal. */
    BLOCKING,
    /** Spin, then yield, then park briefly: no cost to producers, but an idle engine still wakes every ~60 µs. */
    SLEEPING,
    /**
     * Spin 10 µs, yield up to 100 µs, then block until a producer signals: an idle engine sleeps; a producer pays one
     * atomic flag check per publication and a wake-up only when the engine actually blocked.
     */
    PHASED,
    /** Spin, then yield: a core stays busy. */
    YIELDING,
    /** Spin only: needs a dedicated core. */
    BUSY_SPIN;

    /**
     * @return true if a thread waiting this way blocks when there is nothing to do (fit for a real-time thread).
     */
    public boolean blocksWhenIdle()
    {
        return this == BLOCKING || this == PHASED;
    }

    /**
     * @param realtime the waiting thread runs {@code SCHED_FIFO}: {@link #PHASED} then blocks right after its spin
     *                 (a yielding real-time thread would keep its core from every ordinary thread).
     * @return a new wait strategy of this kind.
     * @throws IllegalArgumentException for a real-time thread and a kind that does not block when idle.
     */
    public WaitStrategy create(final boolean realtime)
    {
        if (realtime && !blocksWhenIdle())
        {
            throw new IllegalArgumentException("a real-time engine thread must block when idle: use the " +
                "BLOCKING or PHASED wait strategy, not " + this);
        }
        if (realtime && this == PHASED)
        {
            return PhasedBackoffWaitStrategy.withLiteLock(10, 0, TimeUnit.MICROSECONDS);
        }
        switch (this)
        {
            case BLOCKING:
                return new BlockingWaitStrategy();
            case YIELDING:
                return new YieldingWaitStrategy();
            case BUSY_SPIN:
                return new BusySpinWaitStrategy();
            case PHASED:
                return PhasedBackoffWaitStrategy.withLiteLock(10, 100, TimeUnit.MICROSECONDS);
            case SLEEPING:
            default:
                return new SleepingWaitStrategy();
        }
    }
}
