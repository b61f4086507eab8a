package io.flashsale.bench.jmh;

import java.util.SplittableRandom;

/**
 * The buys the engine benchmarks send, precomputed so that the measured loop does no sampling math and no
 * allocation: SKU picks come from a table drawn once, buyers from a multiplicative hash of the buy's sequence number
 * (a Weyl sequence over {@value #USER_BITS}-bit ids, so a buyer repeats rarely and the per-user limit is never the
 * thing measured), and request ids are UUID-shaped with the sequence number in their last group (unique per buy).
 * <p>
 * Single-threaded: one instance per producing thread.
 */
final class BuyWorkload
{
    /** SKUs on sale, ids 1..SKU_COUNT. */
    static final int SKU_COUNT = 1_000;
    /** Zipf exponent of the "zipf" distribution (classic s = 1: rank k drawn with weight 1/k). */
    static final double ZIPF_EXPONENT = 1.0;
    /** Share of buys on SKU 1 in the "hot" distribution; the rest are spread evenly over the other SKUs. */
    static final double HOT_SHARE = 0.9;
    /** Buyers are ids 1..2^USER_BITS. */
    static final int USER_BITS = 27;

    private static final int PICK_BITS = 20;
    private static final int PICK_MASK = (1 << PICK_BITS) - 1;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final int[] skuPicks = new int[1 << PICK_BITS];
    private final byte[] requestId = new byte[RequestIds.LENGTH];
    private long sequence;

    /**
     * @param distribution "zipf" (Zipf over all SKUs) or "hot" (90 % of buys on one SKU).
     * @param seed         seed of the SKU table and of the request id prefix.
     */
    BuyWorkload(final String distribution, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        switch (distribution)
        {
            case "zipf":
                fillZipf(random);
                break;
            case "hot":
                fillHot(random);
                break;
            default:
                throw new IllegalArgumentException("unknown SKU distribution (zipf or hot): " + distribution);
        }
        RequestIds.write(requestId, 0, random.nextLong(), random.nextLong());
    }

    private void fillZipf(final SplittableRandom random)
    {
        final double[] cumulative = new double[SKU_COUNT];
        double sum = 0;
        for (int rank = 1; rank <= SKU_COUNT; rank++)
        {
            sum += 1.0 / Math.pow(rank, ZIPF_EXPONENT);
            cumulative[rank - 1] = sum;
        }
        for (int i = 0; i < skuPicks.length; i++)
        {
            final double u = random.nextDouble() * sum;
            int low = 0;
            int high = SKU_COUNT - 1;
            while (low < high)
            {
                final int mid = (low + high) >>> 1;
                if (cumulative[mid] < u)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }
            skuPicks[i] = low + 1;
        }
    }

    private void fillHot(final SplittableRandom random)
    {
        for (int i = 0; i < skuPicks.length; i++)
        {
            skuPicks[i] = random.nextDouble() < HOT_SHARE ? 1 : 2 + random.nextInt(SKU_COUNT - 1);
        }
    }

    /**
     * Advance to the next buy and write its request id into {@link #requestId()}.
     *
     * @return the buy's sequence number (1, 2, 3, ...), the argument of {@link #userId} and {@link #skuId}.
     */
    long next()
    {
        final long s = ++sequence;
        RequestIds.writeLastGroup(requestId, 0, s);
        return s;
    }

    /**
     * @param sequence a buy's sequence number.
     * @return its buyer, 1..2^{@value #USER_BITS}.
     */
    static long userId(final long sequence)
    {
        return 1 + ((sequence * GOLDEN) >>> (Long.SIZE - USER_BITS));
    }

    /**
     * @param sequence a buy's sequence number.
     * @return its SKU id, 1..{@value #SKU_COUNT}.
     */
    long skuId(final long sequence)
    {
        return skuPicks[(int)sequence & PICK_MASK];
    }

    /**
     * @return the current buy's request id ({@link RequestIds#LENGTH} bytes), rewritten by {@link #next()}.
     */
    byte[] requestId()
    {
        return requestId;
    }

    /**
     * @return buys generated so far.
     */
    long sequence()
    {
        return sequence;
    }
}
