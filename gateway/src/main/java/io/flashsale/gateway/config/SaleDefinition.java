package io.flashsale.gateway.config;

import java.util.List;
import java.util.Map;

import io.flashsale.engine.command.SaleLimits;

/**
 * A sale as an admin defines it: its window, its payment window, the stores selling in it and its SKUs. Times are
 * resolved epoch milliseconds. Names are for people (dashboard, listings); the engine holds ids only.
 *
 * @param id                  sale id.
 * @param name                display name.
 * @param opensAt             opening, epoch ms.
 * @param closesAt            closing, epoch ms.
 * @param paymentWindowMillis time a reserved order has to be paid.
 * @param stores              stores with display names (may be empty).
 * @param skus                SKUs on sale.
 * @param shardMap            which cluster shard owns which SKU (cluster mode), or null: {@code skuId mod shards}.
 */
public record SaleDefinition(
    long id,
    String name,
    long opensAt,
    long closesAt,
    long paymentWindowMillis,
    List<Store> stores,
    List<Sku> skus,
    ShardPlan shardMap)
{
    /**
     * A sale without a shard map (single node, or spread by {@code skuId mod shards} in cluster mode).
     *
     * @param id                  sale id.
     * @param name                display name.
     * @param opensAt             opening, epoch ms.
     * @param closesAt            closing, epoch ms.
     * @param paymentWindowMillis time a reserved order has to be paid.
     * @param stores              stores with display names (may be empty).
     * @param skus                SKUs on sale.
     */
    public SaleDefinition(final long id, final String name, final long opensAt, final long closesAt,
        final long paymentWindowMillis, final List<Store> stores, final List<Sku> skus)
    {
        this(id, name, opensAt, closesAt, paymentWindowMillis, stores, skus, null);
    }

    /**
     * The sale's SKU to shard map, versioned: {@code "shardMap": {"version": 3, "shards": 2, "skus": {"1001": 0}}}.
     * SKUs it does not name go to {@code skuId mod shards}.
     *
     * @param version its version (shown by each gateway's {@code GET /cluster}).
     * @param shards  shards it spreads the SKUs over; must equal the cluster file's shard count.
     * @param skus    SKU id to shard.
     */
    public record ShardPlan(long version, int shards, Map<Long, Integer> skus)
    {
    }

    /**
     * A brand flagship store.
     *
     * @param id   store id.
     * @param name display name.
     */
    public record Store(long id, String name)
    {
    }

    /**
     * One SKU of the sale.
     *
     * @param id    SKU id.
     * @param store store id.
     * @param name  display name.
     * @param price unit price, minor units (cents).
     * @param stock initial stock.
     * @param limit per-user limit.
     * @param maxOrdersPerBuyer orders one buyer may place for the SKU in any state (default 10 x limit).
     */
    public record Sku(long id, long store, String name, long price, int stock, int limit, int maxOrdersPerBuyer)
    {
        /**
         * A SKU with the default cap on orders per buyer.
         *
         * @param id    SKU id.
         * @param store store id.
         * @param name  display name.
         * @param price unit price, minor units (cents).
         * @param stock initial stock.
         * @param limit per-user limit.
         */
        public Sku(final long id, final long store, final String name, final long price, final int stock,
            final int limit)
        {
            this(id, store, name, price, stock, limit, SaleLimits.defaultMaxOrdersPerBuyer(limit));
        }
    }
}
