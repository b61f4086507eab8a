package io.flashsale.engine.state;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.random.RandomGenerator;

import org.agrona.collections.Long2LongHashMap;

import io.flashsale.engine.command.OrderState;
import io.flashsale.engine.journal.RecordHandler;

/**
 * All state of one engine instance: catalogue and stock, display names, orders, idempotency index, per-buyer units
 * and order counts per SKU, and the payment-expiry queues. Mutated only through the {@link RecordHandler} methods,
 * live and in replay alike.
 * <p>
 * Owned by the business thread (or the replaying thread before the pipeline starts). Not thread-safe, except
 * {@link #labels()}, which any thread may read.
 */
public final class EngineState implements RecordHandler
{
    /** Buyers are positive ids below this bound (40 bits: packed with the SKU index into one map key). */
    public static final long MAX_USER_ID = 1L << 40;
    private static final long NO_UNITS = 0;
    private static final long UNITS_MASK = 0xFFFF_FFFFL;

    private final Catalog catalog;
    private final Labels labels = new Labels();
    private final OrderStore orders = new OrderStore();
    private final RequestIdArena requestIds = new RequestIdArena();
    private final RequestIdIndex requestIndex;
    private final Long2LongHashMap unitsByUserSku;
    private LongFifo[] expiryBySale = new LongFifo[8];
    private long lastTimestamp;

    /**
     * @param expectedSkus   SKUs to size for.
     * @param expectedOrders orders (and buyers) to size for; the structures grow beyond it.
     */
    public EngineState(final int expectedSkus, final long expectedOrders)
    {
        this(expectedSkus, expectedOrders, new SecureRandom());
    }

    /**
     * @param expectedSkus   SKUs to size for.
     * @param expectedOrders orders (and buyers) to size for; the structures grow beyond it.
     * @param hashKeys       source of the idempotency index's hash keys (tests pass a seeded generator).
     */
    public EngineState(final int expectedSkus, final long expectedOrders, final RandomGenerator hashKeys)
    {
        catalog = new Catalog(expectedSkus);
        requestIndex = new RequestIdIndex(orders, requestIds, expectedOrders, hashKeys);
        final int mapCapacity = (int)Math.min(1 << 29, Math.max(1024, (long)(expectedOrders / 0.65) + 1));
        unitsByUserSku = new Long2LongHashMap(mapCapacity, 0.65f, NO_UNITS);
    }

    /**
     * Key of a buyer's units of one SKU.
     *
     * @param userId   buyer, below {@link #MAX_USER_ID}.
     * @param skuIndex SKU index, below {@link Catalog#MAX_SKUS}.
     * @return the packed key.
     */
    public static long userSkuKey(final long userId, final int skuIndex)
    {
        return (userId << 23) | skuIndex;
    }

    /**
     * @return sales and SKUs.
     */
    public Catalog catalog()
    {
        return catalog;
    }

    /**
     * @return display names (readable from any thread).
     */
    public Labels labels()
    {
        return labels;
    }

    /**
     * @return orders.
     */
    public OrderStore orders()
    {
        return orders;
    }

    /**
     * @return request id bytes.
     */
    public RequestIdArena requestIds()
    {
        return requestIds;
    }

    /**
     * @return the idempotency index.
     */
    public RequestIdIndex requestIndex()
    {
        return requestIndex;
    }

    /**
     * @param userId   buyer.
     * @param skuIndex SKU index.
     * @return units this buyer holds or owns of the SKU (RESERVED + PAID orders).
     */
    public long units(final long userId, final int skuIndex)
    {
        return unitsByUserSku.get(userSkuKey(userId, skuIndex)) & UNITS_MASK;
    }

    /**
     * @param userId   buyer.
     * @param skuIndex SKU index.
     * @return orders this buyer placed for the SKU, in any state.
     */
    public long orderCount(final long userId, final int skuIndex)
    {
        return unitsByUserSku.get(userSkuKey(userId, skuIndex)) >>> 32;
    }

    /**
     * @return number of (buyer, SKU) pairs that ever had an order.
     */
    public int buyerSkuPairs()
    {
        return unitsByUserSku.size();
    }

    /**
     * @return the latest timestamp of an applied record, epoch ms.
     */
    public long lastTimestamp()
    {
        return lastTimestamp;
    }

    /**
     * @param saleIndex sale index.
     * @return RESERVED order ids of the sale in reservation order (may contain ids no longer RESERVED).
     */
    public LongFifo expiryQueue(final int saleIndex)
    {
        return expiryBySale[saleIndex];
    }

    @Override
    public void onSaleDefined(
        final long timestamp, final long saleId, final long openAt, final long closeAt, final long paymentWindowMillis)
    {
        touch(timestamp);
        final int index = catalog.addSale(saleId, openAt, closeAt, paymentWindowMillis);
        if (index == expiryBySale.length)
        {
            expiryBySale = Arrays.copyOf(expiryBySale, index * 2);
        }
        expiryBySale[index] = new LongFifo();
    }

    @Override
    public void onSkuAdded(
        final long timestamp,
        final long skuId,
        final long saleId,
        final long storeId,
        final long price,
        final int stock,
        final int perUserLimit,
        final int maxOrdersPerBuyer)
    {
        touch(timestamp);
        final int saleIndex = catalog.saleIndex(saleId);
        if (saleIndex == Catalog.MISSING)
        {
            throw new IllegalStateException("SKU " + skuId + " added to unknown sale " + saleId);
        }
        catalog.addSku(skuId, saleIndex, storeId, price, stock, perUserLimit, maxOrdersPerBuyer);
    }

    @Override
    public void onLabelled(final long timestamp, final int kind, final long id, final byte[] name, final int length)
    {
        touch(timestamp);
        labels.put(kind, id, new String(name, 0, length, StandardCharsets.UTF_8));
    }

    @Override
    public void onRestocked(final long timestamp, final long skuId, final int quantity)
    {
        touch(timestamp);
        catalog.restock(requireSku(skuId), quantity);
    }

    @Override
    public void onOrderReserved(
        final long timestamp,
        final long orderId,
        final long userId,
        final long skuId,
        final int quantity,
        final long price,
        final long deadline,
        final byte[] requestId,
        final int requestIdLength)
    {
        reserve(timestamp, orderId, userId, skuId, quantity, deadline, requestId, requestIdLength,
            requestIndex.hash(userId, requestId, requestIdLength));
    }

    /**
     * The mutation of {@link #onOrderReserved}, for a caller that already hashed the request id (the live path, which
     * hashed it for the duplicate check). Replay goes through {@link #onOrderReserved}, which lands here.
     *
     * @param timestamp       command time.
     * @param orderId         new order id.
     * @param userId          buyer.
     * @param skuId           SKU.
     * @param quantity        units.
     * @param deadline        payment deadline.
     * @param requestId       request id bytes.
     * @param requestIdLength its length.
     * @param hash            {@link RequestIdIndex#hash} of the (buyer, request id) key.
     */
    public void reserve(
        final long timestamp,
        final long orderId,
        final long userId,
        final long skuId,
        final int quantity,
        final long deadline,
        final byte[] requestId,
        final int requestIdLength,
        final long hash)
    {
        touch(timestamp);
        final int skuIndex = requireSku(skuId);
        final long ref = requestIds.append(requestId, 0, requestIdLength);
        orders.append(orderId, userId, skuIndex, quantity, deadline, ref);
        requestIndex.add(orderId, hash);
        catalog.hold(skuIndex, quantity);
        addUnits(userId, skuIndex, quantity, 1);
        expiryBySale[catalog.skuSale(skuIndex)].add(orderId);
    }

    @Override
    public void onOrderPaid(final long timestamp, final long orderId)
    {
        touch(timestamp);
        requireReserved(orderId);
        catalog.sell(orders.sku(orderId), orders.quantity(orderId));
        orders.state(orderId, OrderState.PAID);
    }

    @Override
    public void onOrderCancelled(final long timestamp, final long orderId)
    {
        release(timestamp, orderId, OrderState.CANCELLED);
    }

    @Override
    public void onOrderExpired(final long timestamp, final long orderId)
    {
        release(timestamp, orderId, OrderState.EXPIRED);
    }

    private void release(final long timestamp, final long orderId, final OrderState newState)
    {
        touch(timestamp);
        requireReserved(orderId);
        final int skuIndex = orders.sku(orderId);
        final int quantity = orders.quantity(orderId);
        catalog.release(skuIndex, quantity);
        addUnits(orders.user(orderId), skuIndex, -quantity, 0);
        orders.state(orderId, newState);
    }

    /**
     * One map entry per (buyer, SKU) holds both counts: orders placed in the upper 32 bits, units held or owned in the
     * lower 32 (both stay far below 2^31 within {@link io.flashsale.engine.command.SaleLimits}).
     */
    private void addUnits(final long userId, final int skuIndex, final int unitDelta, final int orderDelta)
    {
        final long key = userSkuKey(userId, skuIndex);
        final long value = unitsByUserSku.get(key) + unitDelta + ((long)orderDelta << 32);
        if (value == NO_UNITS)
        {
            unitsByUserSku.remove(key);
        }
        else
        {
            unitsByUserSku.put(key, value);
        }
    }

    private void touch(final long timestamp)
    {
        if (timestamp > lastTimestamp)
        {
            lastTimestamp = timestamp;
        }
    }

    private int requireSku(final long skuId)
    {
        final int index = catalog.skuIndex(skuId);
        if (index == Catalog.MISSING)
        {
            throw new IllegalStateException("record names unknown SKU " + skuId);
        }
        return index;
    }

    private void requireReserved(final long orderId)
    {
        if (!orders.exists(orderId) || orders.state(orderId) != OrderState.RESERVED.code())
        {
            throw new IllegalStateException("record changes order " + orderId + " which is not RESERVED");
        }
    }

    /**
     * Drop ids that are no longer RESERVED from the expiry queues (after replay or snapshot load, so the first TICK
     * does not wade through every order ever paid).
     */
    public void compactExpiryQueues()
    {
        for (int s = 0; s < catalog.saleCount(); s++)
        {
            final LongFifo queue = expiryBySale[s];
            final long n = queue.size();
            for (long i = 0; i < n; i++)
            {
                final long orderId = queue.poll();
                if (orders.state(orderId) == OrderState.RESERVED.code())
                {
                    queue.add(orderId);
                }
            }
        }
    }

    /**
     * Restore one order from a snapshot, with its final state; indexes, stock-neutral bookkeeping and per-user units
     * follow. Stock counters are restored separately by the snapshot reader.
     *
     * @param orderId         id (must be the next one).
     * @param userId          buyer.
     * @param skuIndex        SKU index.
     * @param quantity        units.
     * @param deadline        payment deadline.
     * @param state           state code.
     * @param requestId       request id bytes.
     * @param requestIdLength its length.
     */
    public void restoreOrder(
        final long orderId,
        final long userId,
        final int skuIndex,
        final int quantity,
        final long deadline,
        final byte state,
        final byte[] requestId,
        final int requestIdLength)
    {
        final long ref = requestIds.append(requestId, 0, requestIdLength);
        orders.append(orderId, userId, skuIndex, quantity, deadline, ref);
        orders.state(orderId, OrderState.of(state));
        requestIndex.add(orderId, requestIndex.hash(userId, requestId, requestIdLength));
        final boolean holds = state == OrderState.RESERVED.code() || state == OrderState.PAID.code();
        addUnits(userId, skuIndex, holds ? quantity : 0, 1);
        if (state == OrderState.RESERVED.code())
        {
            expiryBySale[catalog.skuSale(skuIndex)].add(orderId);
        }
    }

    /**
     * Restore stock counters of a SKU from a snapshot.
     *
     * @param skuIndex SKU index.
     * @param total    initial stock plus restocks.
     * @param held     units held.
     * @param sold     units sold.
     */
    public void restoreStock(final int skuIndex, final long total, final long held, final long sold)
    {
        catalog.restoreStock(skuIndex, total, held, sold);
    }

    /**
     * @param timestamp the latest applied timestamp from a snapshot.
     */
    public void restoreLastTimestamp(final long timestamp)
    {
        lastTimestamp = timestamp;
    }
}
