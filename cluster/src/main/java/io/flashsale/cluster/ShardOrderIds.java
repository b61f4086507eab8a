package io.flashsale.cluster;

/**
 * Order ids across shards. Each shard's engine numbers its orders 1, 2, 3 ... (its journal and snapshots keep these
 * local ids); the ids buyers see carry the shard in the bits above {@link #LOCAL_BITS}, so a gateway routes a pay,
 * cancel or lookup to its shard without a lookup table. Shard 0's ids equal its local ids, so a single node and shard 0
 * number alike. Every id stays below 2^52, exact as a JSON number in any client.
 */
public final class ShardOrderIds
{
    /** Bits of the local order number. */
    public static final int LOCAL_BITS = 40;
    /** Largest local order number. */
    public static final long LOCAL_MASK = (1L << LOCAL_BITS) - 1;
    /** Bits of the shard number. */
    public static final int SHARD_BITS = 12;
    /** Returned by {@link #shard} for an id no shard could have issued. */
    public static final int NO_SHARD = -1;

    private ShardOrderIds()
    {
    }

    /**
     * @param shard   a shard id.
     * @param localId the shard's own order number (0: no order).
     * @return the id buyers see, or 0 for no order.
     */
    public static long global(final int shard, final long localId)
    {
        return localId <= 0 ? localId : ((long)shard << LOCAL_BITS) | localId;
    }

    /**
     * @param orderId an id buyers see.
     * @return its shard, or {@link #NO_SHARD} if the id is not positive or too large to be one.
     */
    public static int shard(final long orderId)
    {
        return orderId <= 0 || (orderId >>> (LOCAL_BITS + SHARD_BITS)) != 0 ? NO_SHARD :
            (int)(orderId >>> LOCAL_BITS);
    }

    /**
     * @param orderId an id buyers see.
     * @return the shard's own order number.
     */
    public static long local(final long orderId)
    {
        return orderId & LOCAL_MASK;
    }
}
