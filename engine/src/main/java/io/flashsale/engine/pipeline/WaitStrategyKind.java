package io.flashsale.engine.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * How the business thread waits for commands. On a 2-core box with event loops and a load generator beside it,
 * {@link #SLEEPING} (the default) keeps an idle engine off the CPU; {@link #YIELDING} and {@link #BUSY_SPIN} suit
 * machines with a core to spare for the engine.
 */
public enum WaitStrategyKind
{
    /** Lock and condition: lowest CPU, highest wake-up latency; producers pay a signal. */
    BLOCKING,
    /** Spin, then yield, then park briefly: little CPU when idle, no cost to producers. */
    SLEEPING,
    /** Spin, then yield: a core stays busy. */
    YIELDING,
    /** Spin only: needs a dedicated core. */
    BUSY_SPIN;

    /**
     * @return a new wait strategy of this kind.
     */
    public WaitStrategy create()
    {
        switch (this)
        {
            case BLOCKING:
                return new BlockingWaitStrategy();
            case YIELDING:
                return new YieldingWaitStrategy();
            case BUSY_SPIN:
                return new BusySpinWaitStrategy();
            case SLEEPING:
            default:
                return new SleepingWaitStrategy();
        }
    }
}
