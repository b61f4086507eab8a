package io.flashsale.engine.state;

/**
 * Idempotency index: client request id to order id, open addressing over a {@code long[]} of order ids
 * (0 = empty). Exact, not probabilistic: a probe that hits the same hash compares the stored id byte for byte.
 * Owned by the business thread.
 */
public final class RequestIdIndex
{
    /** Returned by {@link #find} when the id is unknown. */
    public static final long MISSING = 0;
    private static final double LOAD_FACTOR = 0.75;

    private final OrderStore orders;
    private final RequestIdArena arena;
    private long[] table;
    private int mask;
    private int size;
    private int resizeAt;

    /**
     * @param orders   where order ids point to (for the stored hash and arena reference).
     * @param arena    where request ids live.
     * @param expected ids to size the table for.
     */
    public RequestIdIndex(final OrderStore orders, final RequestIdArena arena, final long expected)
    {
        this.orders = orders;
        this.arena = arena;
        final int capacity = capacityFor(expected);
        table = new long[capacity];
        mask = capacity - 1;
        resizeAt = (int)(capacity * LOAD_FACTOR);
    }

    private static int capacityFor(final long expected)
    {
        final long wanted = Math.max(1024, (long)(expected / LOAD_FACTOR) + 1);
        return (int)Math.min(1 << 30, Long.highestOneBit(wanted - 1) << 1);
    }

    /**
     * Hash of an ASCII id (64-bit multiply-xorshift folded to 32 bits); stable across versions: stored in snapshots.
     *
     * @param id     bytes.
     * @param length length.
     * @return hash.
     */
    public static int hash(final byte[] id, final int length)
    {
        long h = 0x9E3779B97F4A7C15L ^ length;
        for (int i = 0; i < length; i++)
        {
            h = (h ^ id[i]) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 29;
        }
        h *= 0x94D049BB133111EBL;
        h ^= h >>> 32;
        return (int)h;
    }

    /**
     * @param id     bytes.
     * @param length length.
     * @param hash   {@link #hash} of the id.
     * @return the order made under this id, or {@link #MISSING}.
     */
    public long find(final byte[] id, final int length, final int hash)
    {
        int i = hash & mask;
        while (true)
        {
            final long orderId = table[i];
            if (orderId == MISSING)
            {
                return MISSING;
            }
            if (orders.requestIdHash(orderId) == hash && arena.matches(orders.requestIdRef(orderId), id, length))
            {
                return orderId;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * Index an order whose request id is not yet present (checked with {@link #find} first).
     *
     * @param orderId the order.
     * @param hash    hash of its request id.
     */
    public void add(final long orderId, final int hash)
    {
        if (size >= resizeAt)
        {
            grow();
        }
        insert(table, mask, orderId, hash);
        size++;
    }

    private static void insert(final long[] into, final int intoMask, final long orderId, final int hash)
    {
        int i = hash & intoMask;
        while (into[i] != MISSING)
        {
            i = (i + 1) & intoMask;
        }
        into[i] = orderId;
    }

    private void grow()
    {
        final int capacity = table.length * 2;
        final long[] bigger = new long[capacity];
        final int biggerMask = capacity - 1;
        for (final long orderId : table)
        {
            if (orderId != MISSING)
            {
                insert(bigger, biggerMask, orderId, orders.requestIdHash(orderId));
            }
        }
        table = bigger;
        mask = biggerMask;
        resizeAt = (int)(capacity * LOAD_FACTOR);
    }

    /**
     * @return number of ids indexed.
     */
    public int size()
    {
        return size;
    }
}
