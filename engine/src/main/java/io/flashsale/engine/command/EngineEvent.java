package io.flashsale.engine.command;

/**
 * The one mutable event class of the ring: every field is primitive except the caller's reply target. Preallocated by
 * the ring; the {@code CommandPublisher} resets a claimed slot and fills its command fields (one translator per
 * command type); the business thread decides it, writes the result fields, hands it to the result sink after the
 * batch's journal commit and then clears the reply target.
 * <p>
 * Not thread-safe by itself: the ring's publication (producer) and the business thread's sequence (consumer) order
 * the writes of the publishing thread before the business thread's reads, and the business thread's before the slot's
 * next claim.
 */
public final class EngineEvent implements CommandResult
{
    /** Longest client request id, in ASCII bytes. */
    public static final int MAX_REQUEST_ID_LENGTH = 64;

    // command
    private CommandType type = CommandType.TICK;
    private Object replyTo;
    private long correlationId;
    private long timestamp;
    private long publishNanos;
    private long userId;
    private long skuId;
    private long orderId;
    private int quantity;
    private final byte[] requestId = new byte[MAX_REQUEST_ID_LENGTH];
    private int requestIdLength;
    private long saleId;
    private long storeId;
    private long price;
    private long openAt;
    private long closeAt;
    private long paymentWindowMillis;
    private int limit;
    private int maxOrders;
    private int labelKind;
    private long labelId;
    private final byte[] name = new byte[LabelKind.MAX_NAME_BYTES];
    private int nameLength;

    // result
    private ResultCode result = ResultCode.PENDING;
    private int detail;
    private OrderState orderState = OrderState.NONE;
    private long deadline;
    private long available;
    private long held;
    private long sold;
    private long total;
    private long count;

    /**
     * Reset every field before a translator fills the slot, so no value leaks from the slot's previous use.
     *
     * @param type          command type.
     * @param replyTo       caller's opaque reply target.
     * @param correlationId caller's correlation id.
     * @param timestamp     command time, epoch milliseconds.
     * @param publishNanos  {@link System#nanoTime()} at publication.
     */
    public void reset(
        final CommandType type,
        final Object replyTo,
        final long correlationId,
        final long timestamp,
        final long publishNanos)
    {
        this.type = type;
        this.replyTo = replyTo;
        this.correlationId = correlationId;
        this.timestamp = timestamp;
        this.publishNanos = publishNanos;
        userId = 0;
        skuId = 0;
        orderId = 0;
        quantity = 0;
        requestIdLength = 0;
        saleId = 0;
        storeId = 0;
        price = 0;
        openAt = 0;
        closeAt = 0;
        paymentWindowMillis = 0;
        limit = 0;
        maxOrders = 0;
        labelKind = 0;
        labelId = 0;
        nameLength = 0;
        result = ResultCode.PENDING;
        detail = Detail.NONE;
        orderState = OrderState.NONE;
        deadline = 0;
        available = 0;
        held = 0;
        sold = 0;
        total = 0;
        count = 0;
    }

    /**
     * Turn a claimed slot whose filling failed into a no-op: REJECTED, no reply target (nobody awaits its result).
     */
    public void reject()
    {
        type = CommandType.REJECTED;
        replyTo = null;
    }

    /**
     * Drop the reference to the caller's reply target once the result was delivered.
     */
    public void clearReplyTo()
    {
        replyTo = null;
    }

    /**
     * Copy a request id in; ids longer than {@link #MAX_REQUEST_ID_LENGTH} are recorded as over-long (the business
     * stage rejects them) without overrunning the buffer.
     *
     * @param src    source bytes (ASCII).
     * @param offset start in src.
     * @param length number of bytes.
     */
    public void requestId(final byte[] src, final int offset, final int length)
    {
        final int n = Math.min(length, MAX_REQUEST_ID_LENGTH);
        System.arraycopy(src, offset, requestId, 0, n);
        requestIdLength = length;
    }

    /**
     * Copy a request id in from characters; a non-ASCII character is stored as 0 so the business stage rejects it.
     *
     * @param src the id.
     */
    public void requestId(final CharSequence src)
    {
        final int length = src.length();
        final int n = Math.min(length, MAX_REQUEST_ID_LENGTH);
        for (int i = 0; i < n; i++)
        {
            final char c = src.charAt(i);
            requestId[i] = c < 128 ? (byte)c : 0;
        }
        requestIdLength = length;
    }

    /**
     * @return orders one buyer may place for the SKU (ADD_SKU).
     */
    public int maxOrders()
    {
        return maxOrders;
    }

    /**
     * @return {@link LabelKind} code (LABEL).
     */
    public int labelKind()
    {
        return labelKind;
    }

    /**
     * @return the named thing's id (LABEL).
     */
    public long labelId()
    {
        return labelId;
    }

    /**
     * @return name length in bytes as given (may exceed the buffer; LABEL).
     */
    public int nameLength()
    {
        return nameLength;
    }

    /**
     * @return the internal name buffer (first {@link #nameLength()} bytes valid when within bounds); engine use only.
     */
    public byte[] nameBuffer()
    {
        return name;
    }

    /**
     * @return the internal request id buffer (first {@link #requestIdLength()} bytes valid); engine use only.
     */
    public byte[] requestIdBuffer()
    {
        return requestId;
    }

    /**
     * @param userId buyer.
     */
    public void userId(final long userId)
    {
        this.userId = userId;
    }

    /**
     * @param skuId SKU.
     */
    public void skuId(final long skuId)
    {
        this.skuId = skuId;
    }

    /**
     * @param orderId order.
     */
    public void orderId(final long orderId)
    {
        this.orderId = orderId;
    }

    /**
     * @param quantity units.
     */
    public void quantity(final int quantity)
    {
        this.quantity = quantity;
    }

    /**
     * @param saleId sale.
     */
    public void saleId(final long saleId)
    {
        this.saleId = saleId;
    }

    /**
     * @param storeId store.
     */
    public void storeId(final long storeId)
    {
        this.storeId = storeId;
    }

    /**
     * @param price unit price, minor units.
     */
    public void price(final long price)
    {
        this.price = price;
    }

    /**
     * @param openAt    sale opening, epoch ms.
     * @param closeAt   sale closing, epoch ms.
     * @param paymentWindowMillis time a RESERVED order has to be paid.
     */
    public void window(final long openAt, final long closeAt, final long paymentWindowMillis)
    {
        this.openAt = openAt;
        this.closeAt = closeAt;
        this.paymentWindowMillis = paymentWindowMillis;
    }

    /**
     * @param limit per-user limit.
     */
    public void limit(final int limit)
    {
        this.limit = limit;
    }

    /**
     * @param maxOrders orders one buyer may place for the SKU (ADD_SKU).
     */
    public void maxOrders(final int maxOrders)
    {
        this.maxOrders = maxOrders;
    }

    /**
     * Fill a LABEL command; a name longer than {@link LabelKind#MAX_NAME_BYTES} is recorded as over-long (the business
     * stage rejects it) without overrunning the buffer.
     *
     * @param kind   {@link LabelKind} code.
     * @param id     the named thing's id.
     * @param src    name bytes, UTF-8.
     * @param offset start in src.
     * @param length number of bytes.
     */
    public void label(final int kind, final long id, final byte[] src, final int offset, final int length)
    {
        labelKind = kind;
        labelId = id;
        System.arraycopy(src, offset, name, 0, Math.min(length, name.length));
        nameLength = length;
    }

    /**
     * The business stage's decision time (the command's timestamp, never earlier than any decision before it).
     *
     * @param timestamp epoch ms.
     */
    public void timestamp(final long timestamp)
    {
        this.timestamp = timestamp;
    }

    /**
     * Set the outcome.
     *
     * @param result outcome.
     * @param detail {@link Detail} code.
     */
    public void result(final ResultCode result, final int detail)
    {
        this.result = result;
        this.detail = detail;
    }

    /**
     * Describe an order in the result fields.
     *
     * @param orderId  order id.
     * @param state    its state.
     * @param userId   its buyer.
     * @param skuId    its SKU.
     * @param quantity its units.
     * @param price    its unit price.
     * @param deadline its payment deadline.
     */
    public void order(
        final long orderId,
        final OrderState state,
        final long userId,
        final long skuId,
        final int quantity,
        final long price,
        final long deadline)
    {
        this.orderId = orderId;
        this.orderState = state;
        this.userId = userId;
        this.skuId = skuId;
        this.quantity = quantity;
        this.price = price;
        this.deadline = deadline;
    }

    /**
     * Describe a SKU's stock in the result fields.
     *
     * @param available units on sale.
     * @param held      units held by RESERVED orders.
     * @param sold      units PAID.
     * @param total     initial stock plus restocks.
     */
    public void stock(final long available, final long held, final long sold, final long total)
    {
        this.available = available;
        this.held = held;
        this.sold = sold;
        this.total = total;
    }

    /**
     * @param count orders expired by a TICK, or sales in the catalogue.
     */
    public void count(final long count)
    {
        this.count = count;
    }

    @Override
    public CommandType type()
    {
        return type;
    }

    @Override
    public ResultCode result()
    {
        return result;
    }

    @Override
    public int detail()
    {
        return detail;
    }

    @Override
    public Object replyTo()
    {
        return replyTo;
    }

    @Override
    public long correlationId()
    {
        return correlationId;
    }

    @Override
    public long timestamp()
    {
        return timestamp;
    }

    @Override
    public long publishNanos()
    {
        return publishNanos;
    }

    @Override
    public long orderId()
    {
        return orderId;
    }

    @Override
    public OrderState orderState()
    {
        return orderState;
    }

    @Override
    public long userId()
    {
        return userId;
    }

    @Override
    public long skuId()
    {
        return skuId;
    }

    @Override
    public int quantity()
    {
        return quantity;
    }

    @Override
    public long price()
    {
        return price;
    }

    @Override
    public long deadline()
    {
        return deadline;
    }

    @Override
    public long available()
    {
        return available;
    }

    @Override
    public long held()
    {
        return held;
    }

    @Override
    public long sold()
    {
        return sold;
    }

    @Override
    public long total()
    {
        return total;
    }

    @Override
    public int limit()
    {
        return limit;
    }

    @Override
    public long saleId()
    {
        return saleId;
    }

    @Override
    public long storeId()
    {
        return storeId;
    }

    @Override
    public long openAt()
    {
        return openAt;
    }

    @Override
    public long closeAt()
    {
        return closeAt;
    }

    @Override
    public long paymentWindowMillis()
    {
        return paymentWindowMillis;
    }

    @Override
    public long count()
    {
        return count;
    }

    @Override
    public int requestIdLength()
    {
        return requestIdLength;
    }

    @Override
    public byte requestIdByte(final int index)
    {
        return requestId[index];
    }

    @Override
    public int copyRequestId(final byte[] dst, final int offset)
    {
        final int n = Math.min(requestIdLength, MAX_REQUEST_ID_LENGTH);
        System.arraycopy(requestId, 0, dst, offset, n);
        return n;
    }
}
