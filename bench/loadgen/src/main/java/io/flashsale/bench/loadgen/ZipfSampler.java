package io.flashsale.bench.loadgen;

import java.util.SplittableRandom;

/**
 * Zipf-distributed ranks: rank {@code i} (0-based) is drawn with probability proportional to {@code 1 / (i+1)^s}.
 * Rank 0 is the hottest item. The cumulative table is built once; sampling is a binary search and allocates nothing.
 * Immutable and thread-safe; callers bring their own random source.
 */
public final class ZipfSampler
{
    private final double[] cdf;
    private final double exponent;

    /**
     * @param n        number of ranks (>= 1).
     * @param exponent skew {@code s} (0 = uniform; around 1 = classic Zipf; larger = hotter head).
     */
    public ZipfSampler(final int n, final double exponent)
    {
        if (n < 1 || exponent < 0)
        {
            throw new IllegalArgumentException("n >= 1 and exponent >= 0 required");
        }
        this.exponent = exponent;
        this.cdf = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += 1.0 / Math.pow(i + 1, exponent);
            cdf[i] = sum;
        }
        for (int i = 0; i < n; i++)
        {
            cdf[i] /= sum;
        }
        cdf[n - 1] = 1.0;
    }

    /**
     * @return number of ranks.
     */
    public int size()
    {
        return cdf.length;
    }

    /**
     * @return the skew exponent.
     */
    public double exponent()
    {
        return exponent;
    }

    /**
     * @param rank 0-based rank.
     * @return probability of drawing that rank.
     */
    public double probability(final int rank)
    {
        return rank == 0 ? cdf[0] : cdf[rank] - cdf[rank - 1];
    }

    /**
     * @param random the caller's random source.
     * @return a rank in [0, size).
     */
    public int sample(final SplittableRandom random)
    {
        return rankOf(random.nextDouble());
    }

    /**
     * @param u a uniform value in [0, 1).
     * @return the rank whose cumulative band holds {@code u}.
     */
    public int rankOf(final double u)
    {
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi)
        {
            final int mid = (lo + hi) >>> 1;
            if (cdf[mid] > u)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
