package io.flashsale.bench.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SaleProfileTest
{
    @Test
    void shouldPeakAtMidnightAndDecayToTheBaselineWithinTheFirstHour()
    {
        final SaleProfile p = SaleProfile.builtIn(20, 3, 0.15);
        assertEquals(1.0, p.relativeRate(0.0), 1e-9);
        assertEquals(1.0 / 20, p.relativeRate(1.0), 0.01);
        assertTrue(p.relativeRate(0.3) < p.relativeRate(0.1));
        assertTrue(p.relativeRate(-0.5) < p.relativeRate(12.0), "pre-sale is quieter than daytime");
        assertEquals(3.0 / 20, p.relativeRate(21.0), 1e-9);
        assertTrue(p.relativeRate(21.0) > p.relativeRate(12.0), "evening peak above daytime");
        assertEquals(0.0, p.relativeRate(24.0), 1e-9);
        assertEquals(-1.0, p.startHour());
        assertEquals(24.0, p.endHour());
    }

    @Test
    void shouldReadCsvWithHeaderAndCommentsAndNormaliseToThePeak()
    {
        final SaleProfile p = SaleProfile.parseCsv("hour,relativeRate\n# quiet\n-1,1\n0,10\n1,5\n24,0\n");
        assertEquals(1.0, p.relativeRate(0.0), 1e-9);
        assertEquals(0.75, p.relativeRate(0.5), 1e-9);
        assertEquals(0.1, p.relativeRate(-1.0), 1e-9);
    }

    @Test
    void shouldReadJsonObjectsAndPairs()
    {
        final SaleProfile objects = SaleProfile.parseJson("[{\"hour\":0,\"relativeRate\":2},{\"hour\":2,\"rate\":1}]");
        assertEquals(0.75, objects.relativeRate(1.0), 1e-9);
        final SaleProfile pairs = SaleProfile.parseJson("{\"points\":[[0,1],[10,1]]}");
        assertEquals(1.0, pairs.relativeRate(5.0), 1e-9);
    }

    @Test
    void shouldRefuseProfilesThatGoBackInTimeOrHaveNoLoad()
    {
        assertThrows(IllegalArgumentException.class, () -> SaleProfile.parseCsv("1,1\n0,1\n"));
        assertThrows(IllegalArgumentException.class, () -> SaleProfile.parseCsv("0,0\n1,0\n"));
        assertThrows(IllegalArgumentException.class, () -> SaleProfile.parseCsv("0,1\n1,x\n"));
    }

    @Test
    void shouldNameTheSaleClockAndPhases()
    {
        assertEquals("11 Nov 00:00:00", SalePhase.clock(0.0));
        assertEquals("10 Nov 23:30:00", SalePhase.clock(-0.5));
        assertEquals("11 Nov 20:15:00", SalePhase.clock(20.25));
        assertEquals(SalePhase.PRE_SALE, SalePhase.of(-0.01));
        assertEquals(SalePhase.MIDNIGHT_SPIKE, SalePhase.of(0.0));
        assertEquals(SalePhase.DAYTIME, SalePhase.of(12));
        assertEquals(SalePhase.EVENING_PEAK, SalePhase.of(20));
        assertEquals(SalePhase.CLOSE, SalePhase.of(23.5));
        assertEquals(SalePhase.CLOSE, SalePhase.of(25));
    }
}
