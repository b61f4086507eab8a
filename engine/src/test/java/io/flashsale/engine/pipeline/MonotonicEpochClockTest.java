package io.flashsale.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class MonotonicEpochClockTest
{
    private static final long T = 1_700_000_000_000L;
    private static final long MINUTE = 60_000;

    private final AtomicLong wall = new AtomicLong(T);
    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final MonotonicEpochClock clock = new MonotonicEpochClock(wall::get, nanos::get);

    private void elapse(final long millis)
    {
        wall.addAndGet(millis);
        nanos.addAndGet(millis * 1_000_000);
    }

    @Test
    void shouldKeepRealPaceWhenTheWallClockStepsBack()
    {
        assertEquals(T, clock.time());
        elapse(1_000);
        wall.addAndGet(-10 * MINUTE);
        assertEquals(T + 1_000, clock.time());
        elapse(61_000);
        assertEquals(T + 62_000, clock.time(), "61 s of real time passed after the step back");
    }

    @Test
    void shouldFollowTheWallClockWhenItStepsForward()
    {
        assertEquals(T, clock.time());
        wall.addAndGet(10 * MINUTE);
        assertEquals(T + 10 * MINUTE, clock.time());
        elapse(500);
        assertEquals(T + 10 * MINUTE + 500, clock.time());
    }

    @Test
    void shouldStartFromTheJournalsLastTimeOnAHostWhoseClockIsBehind()
    {
        clock.advanceTo(T + 3_600_000);
        assertEquals(T + 3_600_000, clock.time());
        elapse(2_000);
        assertEquals(T + 3_602_000, clock.time());
        clock.advanceTo(T);
        assertEquals(T + 3_602_000, clock.time(), "never moves back");
    }
}
