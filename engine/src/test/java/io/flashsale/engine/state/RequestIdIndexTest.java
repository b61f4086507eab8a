package io.flashsale.engine.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The arena and the idempotency index at a scale that crosses many arena pages and several table growths, with ids
 * of every length, including ids that fill a page exactly.
 */
class RequestIdIndexTest
{
    private static final int IDS = 300_000;

    private static byte[] randomId(final SplittableRandom random)
    {
        final byte[] id = new byte[1 + random.nextInt(64)];
        for (int i = 0; i < id.length; i++)
        {
            id[i] = (byte)(0x21 + random.nextInt(0x7E - 0x21 + 1));
        }
        return id;
    }

    @Test
    void shouldStoreEveryIdExactlyAcrossPageBoundaries()
    {
        final RequestIdArena arena = new RequestIdArena();
        final SplittableRandom random = new SplittableRandom(7);
        final List<byte[]> ids = new ArrayList<>();
        final List<Long> refs = new ArrayList<>();
        final byte[] exact = new byte[63];
        java.util.Arrays.fill(exact, (byte)'x');
        for (int i = 0; i < IDS; i++)
        {
            final byte[] id = i % 4096 == 0 ? exact : randomId(random);
            ids.add(id);
            refs.add(arena.append(id, 0, id.length));
        }
        assertTrue(arena.position() > 8L << 18, "crossed several pages");
        final byte[] out = new byte[64];
        for (int i = 0; i < IDS; i++)
        {
            final byte[] id = ids.get(i);
            assertEquals(id.length, arena.length(refs.get(i)));
            final int n = arena.copy(refs.get(i), out, 0);
            assertArrayEquals(id, java.util.Arrays.copyOf(out, n), "id " + i);
            assertTrue(arena.matches(refs.get(i), id, id.length));
        }
    }

    @Test
    void shouldFindEveryIndexedIdAndNoOther()
    {
        final EngineState state = new EngineState(16, 1024);
        state.onSaleDefined(0, 1, 0, Long.MAX_VALUE, 1);
        state.onSkuAdded(0, 1, 1, 1, 1, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
        final SplittableRandom random = new SplittableRandom(11);
        final Set<String> seen = new HashSet<>();
        final List<byte[]> ids = new ArrayList<>();
        while (ids.size() < IDS)
        {
            final byte[] id = randomId(random);
            if (seen.add(new String(id, StandardCharsets.US_ASCII)))
            {
                ids.add(id);
                final long orderId = ids.size();
                state.onOrderReserved(0, orderId, orderId, 1, 1, 1, 10, id, id.length);
            }
        }
        final RequestIdIndex index = state.requestIndex();
        assertEquals(IDS, index.size());
        for (int i = 0; i < IDS; i++)
        {
            final byte[] id = ids.get(i);
            final long user = i + 1;
            assertEquals(i + 1, index.find(user, id, id.length, index.hash(user, id, id.length)));
            final long other = user + 1;
            assertEquals(RequestIdIndex.MISSING, index.find(other, id, id.length, index.hash(other, id, id.length)),
                "another buyer's id is not this buyer's");
        }
        int absent = 0;
        while (absent < 50_000)
        {
            final byte[] id = randomId(random);
            if (!seen.contains(new String(id, StandardCharsets.US_ASCII)))
            {
                assertEquals(RequestIdIndex.MISSING, index.find(1, id, id.length, index.hash(1, id, id.length)));
                absent++;
            }
        }
    }
}
