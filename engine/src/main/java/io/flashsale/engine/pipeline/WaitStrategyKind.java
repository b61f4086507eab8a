package io.flashsale.engine.pipeline;

import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * How the business thread waits for commands. On a 2-core box with event loops and a load generator beside it,
 * {@link #PHASED} (the default) answers as fast as the busier strategies under load, and lets an idle engine sleep.
 * {@link #YIELDING} and {@link #BUSY_SPIN} suit machines with a core to spare for the engine.
 * <p>
 * PHASED once yielded for up to 100 µs after every spin. At 10k requests/s, where commands come about 100 µs apart,
 * that kept the engine thread busy for 70 % of a core (against 9 % blocking) and took the CPU from the event loop and
 * the load generator: ring wait p99 590 µs against 200 µs, generator send lag p99 0.85 ms against 0.30 ms (this box,
 * {@code flashsale loadgen --rate 5800}, 30 s, one run each). Now it yields only after busy batches
 * ({@link LoadAwareWaitStrategy}).
 */
public enum WaitStrategyKind
{
    /** Lock and condition: lowest CPU, highest wake-up latency; producers pay a signal. */
    BLOCKING,
    /** Spin, then yield, then park briefly: no cost to producers, but an idle engine still wakes every ~60 µs. */
    SLEEPING,
    /**
     * Spin 10 µs; after a batch of 4 or more commands (the ring filling faster than the engine drains it) also yield
     * up to 100 µs, as PHASED always did; then block until a producer signals. An idle engine sleeps; a producer pays
     * one atomic flag check per publication and a wake-up only when the engine actually blocked.
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
     * @param realtime the waiting thread runs {@code SCHED_FIFO} (a spinning or yielding real-time thread would keep
     *                 its core from every ordinary thread).
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
        switch (this)
        {
            case BLOCKING:
                return new BlockingWaitStrategy();
            case YIELDING:
                return new YieldingWaitStrategy();
            case BUSY_SPIN:
                return new BusySpinWaitStrategy();
            case PHASED:
                return new LoadAwareWaitStrategy(TimeUnit.MICROSECONDS.toNanos(10),
                    realtime ? 0 : TimeUnit.MICROSECONDS.toNanos(100), 4);
            case SLEEPING:
            default:
                return new SleepingWaitStrategy();
        }
    }
}
