package io.flashsale.engine.state;

/**
 * Idempotency index: client request id to order id, exact, never a false duplicate.
 * <p>
 * Open addressing with linear probing over one {@code long[]}: an entry packs the order id (upper 40 bits) with a
 * 24-bit fragment of the id's 64-bit hash (lower bits), 0 meaning empty. The home slot comes from the hash's top bits
 * and the fragment from its bottom bits, so a probe that passes a foreign entry almost never touches anything but the
 * table: the stored request id is compared byte for byte only when the fragment matches. Owned by the business thread.
 */
public final class RequestIdIndex
{
    /** Returned by {@link #find} when the id is unknown. */
    public static final long MISSING = 0;
    /** Largest order id an entry can hold. */
    public static final long MAX_ORDER_ID = (1L << 40) - 1;
    private static final double LOAD_FACTOR = 0.7;
    private static final int FRAGMENT_BITS = 24;
    private static final long FRAGMENT_MASK = (1L << FRAGMENT_BITS) - 1;

    private final OrderStore orders;
    private final RequestIdArena arena;
    private final byte[] scratch = new byte[64];
    private long[] table;
    private int shift;
    private int mask;
    private int size;
    private int resizeAt;

    /**
     * @param orders   where order ids point to (for the arena reference of their request id).
     * @param arena    where request ids live.
     * @param expected ids to size the table for.
     */
    public RequestIdIndex(final OrderStore orders, final RequestIdArena arena, final long expected)
    {
        this.orders = orders;
        this.arena = arena;
        final long wanted = Math.max(1024, (long)(expected / LOAD_FACTOR) + 1);
        allocate((int)Math.min(1 << 30, Long.highestOneBit(wanted - 1) << 1));
    }

    private void allocate(final int capacity)
    {
        table = new long[capacity];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        resizeAt = (int)(capacity * LOAD_FACTOR);
    }

    /**
     * 64-bit hash of an ASCII id (multiply-xorshift per byte, then a finaliser). Stable: nothing persists it, but
     * tests may rely on it being deterministic.
     *
     * @param id     bytes.
     * @param length length.
     * @return hash.
     */
    public static long hash(final byte[] id, final int length)
    {
        long h = 0x9E3779B97F4A7C15L ^ length;
        for (int i = 0; i < length; i++)
        {
            h = (h ^ id[i]) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 29;
        }
        h *= 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    /**
     * @param id     bytes.
     * @param length length.
     * @param hash   {@link #hash} of the id.
     * @return the order made under this id, or {@link #MISSING}.
     */
    public long find(final byte[] id, final int length, final long hash)
    {
        final long fragment = hash & FRAGMENT_MASK;
        int i = (int)(hash >>> shift);
        while (true)
        {
            final long entry = table[i];
            if (entry == 0)
            {
                return MISSING;
            }
            if ((entry & FRAGMENT_MASK) == fragment)
            {
                final long orderId = entry >>> FRAGMENT_BITS;
                if (arena.matches(orders.requestIdRef(orderId), id, length))
                {
                    return orderId;
                }
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * Index an order whose request id is not yet present (checked with {@link #find} first).
     *
     * @param orderId the order, at most {@link #MAX_ORDER_ID}.
     * @param hash    {@link #hash} of its request id.
     */
    public void add(final long orderId, final long hash)
    {
        if (size >= resizeAt)
        {
            grow();
        }
        insert(orderId, hash);
        size++;
    }

    private void insert(final long orderId, final long hash)
    {
        int i = (int)(hash >>> shift);
        while (table[i] != 0)
        {
            i = (i + 1) & mask;
        }
        table[i] = (orderId << FRAGMENT_BITS) | (hash & FRAGMENT_MASK);
    }

    private void grow()
    {
        final long[] old = table;
        allocate(old.length * 2);
        for (final long entry : old)
        {
            if (entry != 0)
            {
                final long orderId = entry >>> FRAGMENT_BITS;
                final int length = arena.copy(orders.requestIdRef(orderId), scratch, 0);
                insert(orderId, hash(scratch, length));
            }
        }
    }

    /**
     * @return number of ids indexed.
     */
    public int size()
    {
        return size;
    }
}
