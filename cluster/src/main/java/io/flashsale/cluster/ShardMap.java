package io.flashsale.cluster;

import org.agrona.collections.Long2LongHashMap;

/**
 * Which shard owns a SKU: part of a sale's definition, versioned. SKUs the map names go to their shard; any other SKU
 * goes to shard {@code skuId mod shardCount}. A gateway with a stale map fails safe: the shard it routes to does not
 * hold the SKU and answers UNKNOWN_SKU. Built once, then read-only (safe to share after publication);
 * {@link #shardOf} is allocation-free.
 */
public final class ShardMap
{
    private static final long NONE = -1;

    private final long version;
    private final int shardCount;
    private final Long2LongHashMap assigned = new Long2LongHashMap(NONE);

    /**
     * @param version    the map's version (0: the plain {@code skuId mod shardCount} rule).
     * @param shardCount shards the map spreads SKUs over.
     */
    public ShardMap(final long version, final int shardCount)
    {
        if (shardCount < 1)
        {
            throw new IllegalArgumentException("shardCount must be at least 1, got " + shardCount);
        }
        this.version = version;
        this.shardCount = shardCount;
    }

    /**
     * Place a SKU on a shard (while building the map).
     *
     * @param skuId a SKU.
     * @param shard its shard, 0..shardCount-1.
     * @return this.
     */
    public ShardMap assign(final long skuId, final int shard)
    {
        if (shard < 0 || shard >= shardCount)
        {
            throw new IllegalArgumentException("SKU " + skuId + " is mapped to shard " + shard + ", but the map has " +
                shardCount + " shard(s)");
        }
        assigned.put(skuId, shard);
        return this;
    }

    /**
     * @param skuId a SKU.
     * @return its shard.
     */
    public int shardOf(final long skuId)
    {
        final long shard = assigned.get(skuId);
        return shard != NONE ? (int)shard : (int)Math.floorMod(skuId, (long)shardCount);
    }

    /**
     * @return the map's version.
     */
    public long version()
    {
        return version;
    }

    /**
     * @return shards the map spreads SKUs over.
     */
    public int shardCount()
    {
        return shardCount;
    }

    /**
     * @return SKUs placed explicitly.
     */
    public int assignedCount()
    {
        return assigned.size();
    }
}
