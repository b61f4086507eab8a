package io.flashsale.engine.pipeline;

import java.util.concurrent.atomic.AtomicLong;

import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;

/**
 * The clock commands are stamped with by default: wall-clock epoch milliseconds that never go backwards and keep
 * advancing at the monotonic clock's pace when the wall clock is stepped back.
 * <p>
 * Time is the monotonic clock plus an offset. The offset only grows: when the wall clock is ahead of the current time
 * (start-up, a step forward, NTP slewing) the clock follows it; when the wall clock steps back, the clock carries on
 * from where it was at the monotonic pace instead of stalling. So the payment windows of orders reserved before a step
 * back still run out on time. {@link #advanceTo} moves the clock to at least a given time, which the engine uses at
 * start-up with the journal's last timestamp: a host whose clock is behind the journal stamps from there on.
 * <p>
 * Thread-safe and allocation-free: any number of publisher threads may read it.
 */
public final class MonotonicEpochClock implements EpochClock
{
    private static final long NANOS_PER_MILLI = 1_000_000;

    private final EpochClock wall;
    private final NanoClock monotonic;
    private final AtomicLong offsetMillis = new AtomicLong(Long.MIN_VALUE);

    /**
     * @param wall      wall clock, epoch ms (may step either way).
     * @param monotonic monotonic clock, ns (never steps).
     */
    public MonotonicEpochClock(final EpochClock wall, final NanoClock monotonic)
    {
        this.wall = wall;
        this.monotonic = monotonic;
    }

    /**
     * @return a clock over the system's wall and monotonic clocks.
     */
    public static MonotonicEpochClock system()
    {
        return new MonotonicEpochClock(SystemEpochClock.INSTANCE, SystemNanoClock.INSTANCE);
    }

    @Override
    public long time()
    {
        final long mono = monotonic.nanoTime() / NANOS_PER_MILLI;
        final long lag = wall.time() - mono;
        long offset = offsetMillis.get();
        if (lag > offset)
        {
            offset = offsetMillis.accumulateAndGet(lag, Math::max);
        }
        return mono + offset;
    }

    /**
     * Move the clock to at least {@code epochMillis} (it never moves back).
     *
     * @param epochMillis the earliest time the clock may show from now on.
     */
    public void advanceTo(final long epochMillis)
    {
        offsetMillis.accumulateAndGet(epochMillis - monotonic.nanoTime() / NANOS_PER_MILLI, Math::max);
    }
}
