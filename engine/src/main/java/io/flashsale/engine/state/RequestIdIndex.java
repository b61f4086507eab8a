package io.flashsale.engine.state;

import java.util.random.RandomGenerator;

/**
 * Idempotency index: (buyer, client request id) to order id, exact, never a false duplicate.
 * <p>
 * Open addressing with linear probing over one {@code long[]}: an entry packs the order id (upper 40 bits) with a
 * 24-bit fragment of the key's hash (lower bits), 0 meaning empty. The home slot comes from the hash's top bits and the
 * fragment from its bottom bits, so a probe that passes a foreign entry almost never touches anything but the table:
 * the stored buyer and request id are compared only when the fragment matches.
 * <p>
 * Flood-proof: the hash is SipHash-1-3 under a 128-bit key drawn per instance from the given generator (the production
 * state uses a {@link java.security.SecureRandom}); nothing persisted depends on it. Probing is bounded: an insert
 * that lands further than {@link #probeLimit()} slots from its home slot (a cluster no random key produces at this
 * load factor) makes the index draw a new key and rehash everything, so even a leaked key cannot keep a cluster alive.
 * Owned by the business thread.
 */
public final class RequestIdIndex
{
    /** Returned by {@link #find} when the key is unknown. */
    public static final long MISSING = 0;
    /** Largest order id an entry can hold. */
    public static final long MAX_ORDER_ID = (1L << 40) - 1;
    private static final double LOAD_FACTOR = 0.7;
    private static final int FRAGMENT_BITS = 24;
    private static final long FRAGMENT_MASK = (1L << FRAGMENT_BITS) - 1;

    private final OrderStore orders;
    private final RequestIdArena arena;
    private final RandomGenerator keys;
    private final byte[] scratch = new byte[64];
    private long k0;
    private long k1;
    private long[] table;
    private int shift;
    private int mask;
    private int probeLimit;
    private int size;
    private int resizeAt;
    private long probes;
    private int rekeys;

    /**
     * @param orders   where order ids point to (buyer and arena reference of their request id).
     * @param arena    where request ids live.
     * @param expected keys to size the table for.
     * @param keys     source of the hash keys (a secure random in production; seeded in tests).
     */
    public RequestIdIndex(
        final OrderStore orders, final RequestIdArena arena, final long expected, final RandomGenerator keys)
    {
        this.orders = orders;
        this.arena = arena;
        this.keys = keys;
        this.k0 = keys.nextLong();
        this.k1 = keys.nextLong();
        final long wanted = Math.max(1024, (long)(expected / LOAD_FACTOR) + 1);
        allocate((int)Math.min(1 << 30, Long.highestOneBit(wanted - 1) << 1));
    }

    private void allocate(final int capacity)
    {
        table = new long[capacity];
        mask = capacity - 1;
        final int bits = Integer.numberOfTrailingZeros(capacity);
        shift = 64 - bits;
        resizeAt = (int)(capacity * LOAD_FACTOR);
        probeLimit = 64 + 16 * bits;
    }

    /**
     * Keyed hash of a (buyer, request id) key under this index's current key.
     *
     * @param userId buyer.
     * @param id     request id bytes.
     * @param length their length.
     * @return the hash to pass to {@link #find} and {@link #add} (valid until the next {@link #add}).
     */
    public long hash(final long userId, final byte[] id, final int length)
    {
        return SipHash.hash13(k0, k1, userId, id, length);
    }

    /**
     * @param userId buyer.
     * @param id     request id bytes.
     * @param length their length.
     * @param hash   {@link #hash} of the key.
     * @return the order this buyer made under this request id, or {@link #MISSING}.
     */
    public long find(final long userId, final byte[] id, final int length, final long hash)
    {
        final long fragment = hash & FRAGMENT_MASK;
        int i = (int)(hash >>> shift);
        while (true)
        {
            probes++;
            final long entry = table[i];
            if (entry == 0)
            {
                return MISSING;
            }
            if ((entry & FRAGMENT_MASK) == fragment)
            {
                final long orderId = entry >>> FRAGMENT_BITS;
                if (orders.user(orderId) == userId && arena.matches(orders.requestIdRef(orderId), id, length))
                {
                    return orderId;
                }
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * Index an order whose key is not yet present (checked with {@link #find} first). The order must already be in
     * the order store with its request id in the arena (a rehash reads them).
     *
     * @param orderId the order, at most {@link #MAX_ORDER_ID}.
     * @param hash    {@link #hash} of its key.
     */
    public void add(final long orderId, final long hash)
    {
        if (size >= resizeAt && table.length < 1 << 30)
        {
            rebuild(table.length * 2);
            insert(orderId, hash);
        }
        else if (insert(orderId, hash) > probeLimit)
        {
            rekeys++;
            k0 = keys.nextLong();
            k1 = keys.nextLong();
            rebuild(table.length);
            insert(orderId, hash(orderId));
        }
        size++;
    }

    private long hash(final long orderId)
    {
        final int length = arena.copy(orders.requestIdRef(orderId), scratch, 0);
        return hash(orders.user(orderId), scratch, length);
    }

    private int insert(final long orderId, final long hash)
    {
        int i = (int)(hash >>> shift);
        int distance = 0;
        while (table[i] != 0)
        {
            i = (i + 1) & mask;
            distance++;
        }
        table[i] = (orderId << FRAGMENT_BITS) | (hash & FRAGMENT_MASK);
        return distance;
    }

    private void rebuild(final int capacity)
    {
        final long[] old = table;
        allocate(capacity);
        for (final long entry : old)
        {
            if (entry != 0)
            {
                final long orderId = entry >>> FRAGMENT_BITS;
                insert(orderId, hash(orderId));
            }
        }
    }

    /**
     * @return number of keys indexed.
     */
    public int size()
    {
        return size;
    }

    /**
     * @return table slots visited by {@link #find} so far (a deterministic cost measure for tests and benchmarks).
     */
    public long probes()
    {
        return probes;
    }

    /**
     * @return how often an over-long probe made the index draw a new key.
     */
    public int rekeys()
    {
        return rekeys;
    }

    /**
     * @return the insert distance from the home slot beyond which the index draws a new key.
     */
    public int probeLimit()
    {
        return probeLimit;
    }
}
