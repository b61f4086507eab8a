package io.flashsale.bench.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateScheduleTest
{
    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldSpaceConstantRateArrivalsEvenly()
    {
        final RateSchedule s = new RateSchedule(SaleProfile.of(new double[]{0, 24}, new double[]{1, 1}), 1000,
            2 * SECOND);
        assertEquals(2000, s.totalArrivals());
        assertEquals(500_000, s.intendedNanos(0), 1_000);
        assertEquals(1_500_000, s.intendedNanos(1), 1_000);
        assertEquals(1_000_500_000, s.intendedNanos(1000), 1_000);
        assertEquals(1000.0, s.rateAt(SECOND), 1e-9);
        assertEquals(500.0, s.arrivalsBefore(SECOND / 2), 1e-6);
    }

    @Test
    void shouldFollowTheCurveSoTheSpikeGetsMostArrivals()
    {
        final RateSchedule s = new RateSchedule(SaleProfile.builtIn(20, 3, 0.15), 10_000, 25 * SECOND);
        final double spikeHourArrivals = s.arrivalsBefore(2 * SECOND) - s.arrivalsBefore(SECOND);
        final double dayHourArrivals = s.arrivalsBefore(14 * SECOND) - s.arrivalsBefore(13 * SECOND);
        assertTrue(spikeHourArrivals > 2 * dayHourArrivals, spikeHourArrivals + " vs " + dayHourArrivals);
        assertEquals(-1.0, s.saleHour(0), 1e-9);
        assertEquals(0.0, s.saleHour(SECOND), 1e-9);
        assertEquals(10_000, s.rateAt(SECOND), 1e-6);
    }

    @Test
    void shouldGiveTheSameTimesThroughCursorsAsByLookUp()
    {
        final RateSchedule s = new RateSchedule(SaleProfile.builtIn(10, 2, 0.2), 5_000, 5 * SECOND);
        for (int first = 0; first < 3; first++)
        {
            final RateSchedule.Cursor c = s.cursor(first, 3);
            long previous = -1;
            long visited = 0;
            while (c.hasNext())
            {
                final long t = c.peekIntendedNanos();
                assertEquals(s.intendedNanos(c.arrival()), t);
                assertTrue(t >= previous, "monotonic");
                previous = t;
                c.advance();
                visited++;
            }
            assertEquals((s.totalArrivals() - first + 2) / 3, visited);
            assertFalse(c.hasNext());
            assertEquals(Long.MAX_VALUE, c.peekIntendedNanos());
        }
    }
}
