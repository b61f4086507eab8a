package io.flashsale.engine.support;

import java.util.concurrent.atomic.AtomicLong;

import org.agrona.concurrent.EpochClock;

/**
 * A clock tests move by hand.
 */
public final class ManualClock implements EpochClock
{
    private final AtomicLong now;

    /**
     * @param start initial time, epoch ms.
     */
    public ManualClock(final long start)
    {
        now = new AtomicLong(start);
    }

    @Override
    public long time()
    {
        return now.get();
    }

    /**
     * @param millis how far to move.
     */
    public void advance(final long millis)
    {
        now.addAndGet(millis);
    }

    /**
     * @param time new time, epoch ms.
     */
    public void set(final long time)
    {
        now.set(time);
    }
}
