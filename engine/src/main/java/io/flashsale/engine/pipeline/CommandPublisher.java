package io.flashsale.engine.pipeline;

import org.agrona.concurrent.EpochClock;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;

import io.flashsale.engine.command.CommandType;
import io.flashsale.engine.command.EngineEvent;
import io.flashsale.engine.metrics.EngineCounter;
import io.flashsale.engine.metrics.EngineCounters;

/**
 * The caller's port for commands. Every method claims a ring slot with {@code tryNext}, never blocking: when the ring
 * is full it returns false (answer OVERLOADED) and nothing was published. On success the result arrives later at the
 * engine's {@link ResultSink} carrying {@code replyTo} and {@code correlationId}.
 * <p>
 * Claim, fill and publish happen in one place ({@link #publish}): the fill runs in a {@code try} and the slot is
 * published in {@code finally}, so a failing fill (a bad offset, a clock or character sequence that throws) can never
 * leave a claimed slot unpublished and stall the ring. Such a slot is published as a rejected no-op (the engine answers
 * it INVALID to nobody and changes nothing) and the exception reaches the caller.
 * <p>
 * Thread-safe: any number of producer threads. Allocation-free. Commands are stamped with the configured clock.
 */
public final class CommandPublisher
{
    /** Reads a = userId, b = skuId, i = quantity, j = offset, k = length, data = request id bytes. */
    private static final CommandTranslator BUY_BYTES = (e, user, sku, c, d, quantity, offset, length, id) ->
    {
        e.userId(user);
        e.skuId(sku);
        e.quantity(quantity);
        e.requestId((byte[])id, offset, length);
    };
    /** Reads a = userId, b = skuId, i = quantity, data = request id characters. */
    private static final CommandTranslator BUY_CHARS = (e, user, sku, c, d, quantity, j, k, id) ->
    {
        e.userId(user);
        e.skuId(sku);
        e.quantity(quantity);
        e.requestId((CharSequence)id);
    };
    /** Reads a = orderId, b = userId. */
    private static final CommandTranslator ORDER = (e, order, user, c, d, i, j, k, data) ->
    {
        e.orderId(order);
        e.userId(user);
    };
    /** Reads a = skuId. */
    private static final CommandTranslator SKU = (e, sku, b, c, d, i, j, k, data) -> e.skuId(sku);
    /** Reads nothing. */
    private static final CommandTranslator NOTHING = (e, a, b, c, d, i, j, k, data) ->
    {
    };
    /** Reads a = saleId, b = openAt, c = closeAt, d = paymentWindowMillis. */
    private static final CommandTranslator DEFINE_SALE = (e, sale, openAt, closeAt, window, i, j, k, data) ->
    {
        e.saleId(sale);
        e.window(openAt, closeAt, window);
    };
    /** Reads a = saleId, b = skuId, c = storeId, d = price, i = stock, j = perUserLimit, k = maxOrders. */
    private static final CommandTranslator ADD_SKU = (e, sale, sku, store, price, stock, limit, maxOrders, data) ->
    {
        e.saleId(sale);
        e.skuId(sku);
        e.storeId(store);
        e.price(price);
        e.quantity(stock);
        e.limit(limit);
        e.maxOrders(maxOrders);
    };
    /** Reads a = skuId, i = quantity. */
    private static final CommandTranslator RESTOCK = (e, sku, b, c, d, quantity, j, k, data) ->
    {
        e.skuId(sku);
        e.quantity(quantity);
    };
    /** Reads a = the named thing's id, i = kind, j = offset, k = length, data = name bytes. */
    private static final CommandTranslator LABEL = (e, id, b, c, d, kind, offset, length, name) ->
        e.label(kind, id, (byte[])name, offset, length);

    private final RingBuffer<EngineEvent> ring;
    private final EpochClock clock;
    private final EngineCounters counters;

    /**
     * A publisher over a ring whose consumer is the caller's: the engine's business thread, or in cluster mode the
     * gateway's router thread.
     *
     * @param ring     the ring of preallocated events.
     * @param clock    stamps each command.
     * @param counters counts ring-full refusals.
     */
    public CommandPublisher(final RingBuffer<EngineEvent> ring, final EpochClock clock, final EngineCounters counters)
    {
        this.ring = ring;
        this.clock = clock;
        this.counters = counters;
    }

    /**
     * The one claim, fill and publish of every command.
     *
     * @return false if the ring was full (nothing claimed).
     * @throws RuntimeException from the fill, after the slot was published as a rejected no-op.
     */
    private boolean publish(
        final CommandType type,
        final Object replyTo,
        final long correlationId,
        final CommandTranslator translator,
        final long a,
        final long b,
        final long c,
        final long d,
        final int i,
        final int j,
        final int k,
        final Object data)
    {
        final long sequence;
        try
        {
            sequence = ring.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            counters.incrementShared(EngineCounter.RING_FULL_REJECTIONS);
            return false;
        }
        final EngineEvent e = ring.get(sequence);
        boolean filled = false;
        try
        {
            e.reset(type, replyTo, correlationId, clock.time(), System.nanoTime());
            translator.translateTo(e, a, b, c, d, i, j, k, data);
            filled = true;
        }
        finally
        {
            if (!filled)
            {
                e.reject();
            }
            ring.publish(sequence);
        }
        return true;
    }

    /**
     * Reserve units under a client request id.
     *
     * @param replyTo       opaque reply target, handed back with the result.
     * @param correlationId caller's id, handed back with the result.
     * @param userId        buyer.
     * @param skuId         SKU.
     * @param quantity      units.
     * @param requestId     request id bytes (ASCII).
     * @param offset        start in requestId.
     * @param length        id length.
     * @return false if the ring was full.
     */
    public boolean buy(
        final Object replyTo,
        final long correlationId,
        final long userId,
        final long skuId,
        final int quantity,
        final byte[] requestId,
        final int offset,
        final int length)
    {
        return publish(CommandType.BUY, replyTo, correlationId, BUY_BYTES,
            userId, skuId, 0, 0, quantity, offset, length, requestId);
    }

    /**
     * Reserve units under a client request id given as characters (non-ASCII characters make it INVALID).
     *
     * @param replyTo       opaque reply target.
     * @param correlationId caller's id.
     * @param userId        buyer.
     * @param skuId         SKU.
     * @param quantity      units.
     * @param requestId     request id.
     * @return false if the ring was full.
     */
    public boolean buy(
        final Object replyTo,
        final long correlationId,
        final long userId,
        final long skuId,
        final int quantity,
        final CharSequence requestId)
    {
        return publish(CommandType.BUY, replyTo, correlationId, BUY_CHARS, userId, skuId, 0, 0, quantity, 0, 0,
            requestId);
    }

    /**
     * Pay a RESERVED order (only its buyer may).
     *
     * @param replyTo       opaque reply target.
     * @param correlationId caller's id.
     * @param orderId       order.
     * @param userId        the caller's user id.
     * @return false if the ring was full.
     */
    public boolean pay(final Object replyTo, final long correlationId, final long orderId, final long userId)
    {
        return publish(CommandType.PAY, replyTo, correlationId, ORDER, orderId, userId, 0, 0, 0, 0, 0, null);
    }

    /**
     * Cancel a RESERVED order (only its buyer may).
     *
     * @param replyTo       opaque reply target.
     * @param correlationId caller's id.
     * @param orderId       order.
     * @param userId        the caller's user id.
     * @return false if the ring was full.
     */
    public boolean cancel(final Object replyTo, final long correlationId, final long orderId, final long userId)
    {
        return publish(CommandType.CANCEL, replyTo, correlationId, ORDER, orderId, userId, 0, 0, 0, 0, 0, null);
    }

    /**
     * Read one order.
     *
     * @param replyTo       opaque reply target.
     * @param correlationId caller's id.
     * @param orderId       order.
     * @return false if the ring was full.
     */
    public boolean queryOrder(final Object replyTo, final long correlationId, final long orderId)
    {
        return publish(CommandType.QUERY_ORDER, replyTo, correlationId, ORDER, orderId, 0, 0, 0, 0, 0, 0, null);
    }

    /**
     * Read one SKU's stock.
     *
     * @param replyTo       opaque reply target.
     * @param correlationId caller's id.
     * @param skuId         SKU.
     * @return false if the ring was full.
     */
    public boolean querySku(final Object replyTo, final long correlationId, final long skuId)
    {
        return publish(CommandType.QUERY_SKU, replyTo, correlationId, SKU, skuId, 0, 0, 0, 0, 0, 0, null);
    }

    /**
     * Carry the clock's time to the engine; RESERVED orders whose deadline passed expire.
     *
     * @param replyTo       opaque reply target, may be null.
     * @param correlationId caller's id.
     * @return false if the ring was full.
     */
    public boolean tick(final Object replyTo, final long correlationId)
    {
        return publish(CommandType.TICK, replyTo, correlationId, NOTHING, 0, 0, 0, 0, 0, 0, 0, null);
    }

    /**
     * Admin: define a sale. Defining an existing sale with the same values is OK and changes nothing.
     *
     * @param replyTo             opaque reply target.
     * @param correlationId       caller's id.
     * @param saleId              sale id (positive).
     * @param openAt              opening, epoch ms.
     * @param closeAt             closing, epoch ms.
     * @param paymentWindowMillis time a RESERVED order has to be paid.
     * @return false if the ring was full.
     */
    public boolean defineSale(
        final Object replyTo,
        final long correlationId,
        final long saleId,
        final long openAt,
        final long closeAt,
        final long paymentWindowMillis)
    {
        return publish(CommandType.DEFINE_SALE, replyTo, correlationId, DEFINE_SALE, saleId, openAt, closeAt,
            paymentWindowMillis, 0, 0, 0, null);
    }

    /**
     * Admin: add a SKU to a sale. Adding an existing SKU with the same values is OK and changes nothing.
     *
     * @param replyTo       opaque reply target.
     * @param correlationId caller's id.
     * @param saleId        its sale.
     * @param skuId         SKU id (positive).
     * @param storeId       brand store.
     * @param price         unit price, minor units.
     * @param stock         initial stock.
     * @param perUserLimit  units one buyer may hold or own.
     * @param maxOrders     orders one buyer may place for the SKU, in any state
     *                      ({@link io.flashsale.engine.command.SaleLimits#defaultMaxOrdersPerBuyer} when unsure).
     * @return false if the ring was full.
     */
    public boolean addSku(
        final Object replyTo,
        final long correlationId,
        final long saleId,
        final long skuId,
        final long storeId,
        final long price,
        final int stock,
        final int perUserLimit,
        final int maxOrders)
    {
        return publish(CommandType.ADD_SKU, replyTo, correlationId, ADD_SKU, saleId, skuId, storeId, price, stock,
            perUserLimit, maxOrders, null);
    }

    /**
     * Admin: give a sale, store or SKU a display name (journaled). Naming it again with the same name is OK and
     * writes nothing.
     *
     * @param replyTo       opaque reply target.
     * @param correlationId caller's id.
     * @param kind          {@link io.flashsale.engine.command.LabelKind} code.
     * @param id            the named thing's id.
     * @param name          name bytes, UTF-8, 1 to {@link io.flashsale.engine.command.LabelKind#MAX_NAME_BYTES}.
     * @param offset        start in name.
     * @param length        number of bytes.
     * @return false if the ring was full.
     */
    public boolean label(
        final Object replyTo,
        final long correlationId,
        final int kind,
        final long id,
        final byte[] name,
        final int offset,
        final int length)
    {
        return publish(CommandType.LABEL, replyTo, correlationId, LABEL, id, 0, 0, 0, kind, offset, length, name);
    }

    /**
     * Admin: add units to a SKU.
     *
     * @param replyTo       opaque reply target.
     * @param correlationId caller's id.
     * @param skuId         SKU.
     * @param quantity      units to add.
     * @return false if the ring was full.
     */
    public boolean restock(final Object replyTo, final long correlationId, final long skuId, final int quantity)
    {
        return publish(CommandType.RESTOCK, replyTo, correlationId, RESTOCK, skuId, 0, 0, 0, quantity, 0, 0, null);
    }

    /**
     * @return slots currently claimed and not yet released by the engine (ring occupancy).
     */
    public long occupancy()
    {
        return ring.getBufferSize() - ring.remainingCapacity();
    }

    /**
     * @return ring slots.
     */
    public int capacity()
    {
        return ring.getBufferSize();
    }
}
