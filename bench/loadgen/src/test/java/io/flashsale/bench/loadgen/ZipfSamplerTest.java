package io.flashsale.bench.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ZipfSamplerTest
{
    @Test
    void shouldFavourTheHeadInProportionToOneOverRankPowerS()
    {
        final ZipfSampler z = new ZipfSampler(100, 1.0);
        double total = 0;
        for (int i = 0; i < 100; i++)
        {
            total += z.probability(i);
        }
        assertEquals(1.0, total, 1e-9);
        assertEquals(2.0, z.probability(0) / z.probability(1), 1e-9);
        final int[] counts = new int[100];
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++)
        {
            counts[z.sample(random)]++;
        }
        assertEquals(z.probability(0), counts[0] / 200_000.0, 0.01);
        assertTrue(counts[0] > counts[9] * 5);
    }

    @Test
    void shouldBeUniformWithExponentZeroAndCoverTheEdges()
    {
        final ZipfSampler z = new ZipfSampler(4, 0.0);
        assertEquals(0.25, z.probability(3), 1e-12);
        assertEquals(0, z.rankOf(0.0));
        assertEquals(1, z.rankOf(0.25));
        assertEquals(3, z.rankOf(0.999999));
        assertEquals(0, new ZipfSampler(1, 1.2).rankOf(0.7));
    }
}
