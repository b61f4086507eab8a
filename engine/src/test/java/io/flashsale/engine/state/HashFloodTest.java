package io.flashsale.engine.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * An attacker who knows the index's algorithm crafts request ids whose home slots all fall into one small window of
 * the table, as one buyer's buy + cancel cycles would store them. Costs are counted in table slots visited
 * ({@link RequestIdIndex#probes()}), never in time.
 */
class HashFloodTest
{
    private static final long EXPECTED = 100_000;
    private static final int CAPACITY_BITS = 18;
    private static final int WINDOW = 1024;
    private static final int STORED = 40_000;
    private static final int LOOKUPS = 10_000;
    private static final long ATTACKER = 1;
    private static final long ATTACKERS_GUESS = 42;

    @Test
    void shouldCostNoMoreForCraftedIdsThanRandomOnesWithoutTheKey()
    {
        final byte[][] crafted = craft(keysOf(ATTACKERS_GUESS), STORED + LOOKUPS);
        final EngineState state = state(7);
        store(state, crafted);
        final double craftedCost = meanProbes(state.requestIndex(), crafted, STORED);
        final double randomCost = meanProbes(state.requestIndex(), randomIds(LOOKUPS), 0);
        System.out.printf("key unknown to the attacker: probes per absent lookup, crafted %.2f, random %.2f%n",
            craftedCost, randomCost);
        assertTrue(craftedCost <= randomCost * 1.5 + 1, "crafted " + craftedCost + " vs random " + randomCost);
        assertEquals(0, state.requestIndex().rekeys());
    }

    @Test
    void shouldDrawANewKeyWhenTheKeyLeakedAndAClusterForms()
    {
        final byte[][] crafted = craft(keysOf(ATTACKERS_GUESS), STORED + LOOKUPS);
        final EngineState state = state(ATTACKERS_GUESS);
        store(state, crafted);
        assertTrue(state.requestIndex().rekeys() >= 1, "a probe beyond the limit draws a new key");
        final double craftedCost = meanProbes(state.requestIndex(), crafted, STORED);
        final double randomCost = meanProbes(state.requestIndex(), randomIds(LOOKUPS), 0);
        System.out.printf("key leaked: %d re-key(s), then probes per absent lookup, crafted %.2f, random %.2f%n",
            state.requestIndex().rekeys(), craftedCost, randomCost);
        assertTrue(craftedCost <= randomCost * 1.5 + 1, "crafted " + craftedCost + " vs random " + randomCost);
        for (int i = 0; i < STORED; i++)
        {
            final RequestIdIndex index = state.requestIndex();
            assertEquals(i + 1, index.find(ATTACKER, crafted[i], crafted[i].length,
                index.hash(ATTACKER, crafted[i], crafted[i].length)), "every stored id is still found");
        }
    }

    /** The index draws its two key halves first from the generator it is given. */
    private static long[] keysOf(final long seed)
    {
        final SplittableRandom keys = new SplittableRandom(seed);
        return new long[] {keys.nextLong(), keys.nextLong()};
    }

    private static EngineState state(final long keySeed)
    {
        final EngineState state = new EngineState(16, EXPECTED, new SplittableRandom(keySeed));
        state.onSaleDefined(0, 1, 0, Long.MAX_VALUE, 1);
        state.onSkuAdded(0, 1, 1, 1, 1, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
        return state;
    }

    private static void store(final EngineState state, final byte[][] ids)
    {
        for (int i = 0; i < STORED; i++)
        {
            state.onOrderReserved(0, i + 1, ATTACKER, 1, 1, 1, 10, ids[i], ids[i].length);
            state.onOrderCancelled(0, i + 1);
        }
    }

    /** Ids whose home slot under the given key lies in the first {@link #WINDOW} slots of the table. */
    private static byte[][] craft(final long[] key, final int count)
    {
        final byte[][] ids = new byte[count][];
        final byte[] candidate = new byte[20];
        candidate[0] = 'x';
        long n = 0;
        for (int found = 0; found < count; n++)
        {
            final int length = 1 + ascii(n, candidate, 1);
            final long hash = SipHash.hash13(key[0], key[1], ATTACKER, candidate, length);
            if ((hash >>> (64 - CAPACITY_BITS)) < WINDOW)
            {
                ids[found++] = java.util.Arrays.copyOf(candidate, length);
            }
        }
        return ids;
    }

    private static int ascii(final long value, final byte[] out, final int offset)
    {
        final String digits = Long.toString(value);
        for (int i = 0; i < digits.length(); i++)
        {
            out[offset + i] = (byte)digits.charAt(i);
        }
        return digits.length();
    }

    private static byte[][] randomIds(final int count)
    {
        final SplittableRandom random = new SplittableRandom(99);
        final byte[][] ids = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            ids[i] = ("q" + random.nextLong()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        return ids;
    }

    private static double meanProbes(final RequestIdIndex index, final byte[][] ids, final int from)
    {
        final long before = index.probes();
        for (int i = from; i < ids.length; i++)
        {
            final long found = index.find(ATTACKER, ids[i], ids[i].length, index.hash(ATTACKER, ids[i], ids[i].length));
            assertEquals(RequestIdIndex.MISSING, found);
        }
        return (index.probes() - before) / (double)(ids.length - from);
    }
}
