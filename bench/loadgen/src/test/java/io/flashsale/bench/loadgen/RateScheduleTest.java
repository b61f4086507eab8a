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

    @Test
    void shouldOfferAConstantRateFromTheFirstToTheLastSecond()
    {
        final RateSchedule s = RateSchedule.constant(3_000, 60 * SECOND);
        assertTrue(s.isConstant());
        assertEquals(180_000, s.totalArrivals());
        for (int second = 0; second < 60; second++)
        {
            assertEquals(3_000, s.arrivalsBefore((second + 1) * SECOND) - s.arrivalsBefore(second * SECOND), 1e-6,
                "second " + second);
        }
        assertEquals(3_000, s.busiestSecondRate(), 1e-6);
        assertEquals(3_000, s.meanRate(), 1e-6);
    }

    @Test
    void shouldScaleTheCurveSoItsBusiestSecondOffersThePeak()
    {
        for (final long duration : new long[]{30 * SECOND, 60 * SECOND, 600 * SECOND})
        {
            final RateSchedule s = RateSchedule.peak(SaleProfile.builtIn(20, 3, 0.15), 10_000, duration);
            assertEquals(10_000, s.busiestSecondRate(), 1.0, "duration " + duration);
            // the busiest second is the opening spike, at 00:00 on the sale clock
            final long busiest = s.busiestSecondStartNanos();
            assertEquals(10_000, s.arrivalsBefore(busiest + SECOND) - s.arrivalsBefore(busiest), 1.0);
            assertEquals(0.0, s.saleHour(busiest), 0.03);
            double most = 0;
            for (long t = 0; t + SECOND <= duration; t += SECOND / 100)
            {
                most = Math.max(most, s.arrivalsBefore(t + SECOND) - s.arrivalsBefore(t));
            }
            assertTrue(most <= 10_000 + 1.0, "no second offers more than the peak: " + most);
            assertTrue(s.peakRate() >= s.busiestSecondRate(), "the instantaneous top is at least the peak");
        }
    }
}
