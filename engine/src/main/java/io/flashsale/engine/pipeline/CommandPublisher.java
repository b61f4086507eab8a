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
 * Thread-safe: any number of producer threads. Allocation-free. Commands are stamped with the configured clock.
 */
public final class CommandPublisher
{
    private final RingBuffer<EngineEvent> ring;
    private final EpochClock clock;
    private final EngineCounters counters;

    CommandPublisher(final RingBuffer<EngineEvent> ring, final EpochClock clock, final EngineCounters counters)
    {
        this.ring = ring;
        this.clock = clock;
        this.counters = counters;
    }

    private long claim()
    {
        try
        {
            return ring.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            counters.incrementShared(EngineCounter.RING_FULL_REJECTIONS);
            return -1;
        }
    }

    private EngineEvent slot(final long sequence, final CommandType type, final Object replyTo, final long correlation)
    {
        final EngineEvent e = ring.get(sequence);
        e.reset(type, replyTo, correlation, clock.time(), System.nanoTime());
        return e;
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
        final long sequence = claim();
        if (sequence < 0)
        {
            return false;
        }
        final EngineEvent e = slot(sequence, CommandType.BUY, replyTo, correlationId);
        e.userId(userId);
        e.skuId(skuId);
        e.quantity(quantity);
        e.requestId(requestId, offset, length);
        ring.publish(sequence);
        return true;
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
        final long sequence = claim();
        if (sequence < 0)
        {
            return false;
        }
        final EngineEvent e = slot(sequence, CommandType.BUY, replyTo, correlationId);
        e.userId(userId);
        e.skuId(skuId);
        e.quantity(quantity);
        e.requestId(requestId);
        ring.publish(sequence);
        return true;
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
        return orderCommand(CommandType.PAY, replyTo, correlationId, orderId, userId);
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
        return orderCommand(CommandType.CANCEL, replyTo, correlationId, orderId, userId);
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
        return orderCommand(CommandType.QUERY_ORDER, replyTo, correlationId, orderId, 0);
    }

    private boolean orderCommand(
        final CommandType type, final Object replyTo, final long correlationId, final long orderId, final long userId)
    {
        final long sequence = claim();
        if (sequence < 0)
        {
            return false;
        }
        final EngineEvent e = slot(sequence, type, replyTo, correlationId);
        e.orderId(orderId);
        e.userId(userId);
        ring.publish(sequence);
        return true;
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
        final long sequence = claim();
        if (sequence < 0)
        {
            return false;
        }
        final EngineEvent e = slot(sequence, CommandType.QUERY_SKU, replyTo, correlationId);
        e.skuId(skuId);
        ring.publish(sequence);
        return true;
    }

    /**
     * Read the sale at a position of the catalogue (0..count-1); the result's count is the number of sales.
     *
     * @param replyTo       opaque reply target.
     * @param correlationId caller's id.
     * @param position      position in the catalogue.
     * @return false if the ring was full.
     */
    public boolean querySale(final Object replyTo, final long correlationId, final int position)
    {
        final long sequence = claim();
        if (sequence < 0)
        {
            return false;
        }
        final EngineEvent e = slot(sequence, CommandType.QUERY_SALE, replyTo, correlationId);
        e.saleId(position);
        ring.publish(sequence);
        return true;
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
        final long sequence = claim();
        if (sequence < 0)
        {
            return false;
        }
        slot(sequence, CommandType.TICK, replyTo, correlationId);
        ring.publish(sequence);
        return true;
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
        final long sequence = claim();
        if (sequence < 0)
        {
            return false;
        }
        final EngineEvent e = slot(sequence, CommandType.DEFINE_SALE, replyTo, correlationId);
        e.saleId(saleId);
        e.window(openAt, closeAt, paymentWindowMillis);
        ring.publish(sequence);
        return true;
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
        final long sequence = claim();
        if (sequence < 0)
        {
            return false;
        }
        final EngineEvent e = slot(sequence, CommandType.ADD_SKU, replyTo, correlationId);
        e.saleId(saleId);
        e.skuId(skuId);
        e.storeId(storeId);
        e.price(price);
        e.quantity(stock);
        e.limit(perUserLimit);
        e.maxOrders(maxOrders);
        ring.publish(sequence);
        return true;
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
        final long sequence = claim();
        if (sequence < 0)
        {
            return false;
        }
        final EngineEvent e = slot(sequence, CommandType.LABEL, replyTo, correlationId);
        e.label(kind, id, name, offset, length);
        ring.publish(sequence);
        return true;
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
        final long sequence = claim();
        if (sequence < 0)
        {
            return false;
        }
        final EngineEvent e = slot(sequence, CommandType.RESTOCK, replyTo, correlationId);
        e.skuId(skuId);
        e.quantity(quantity);
        ring.publish(sequence);
        return true;
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
