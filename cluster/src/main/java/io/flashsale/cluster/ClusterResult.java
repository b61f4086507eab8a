package io.flashsale.cluster;

import static io.flashsale.cluster.ResultDescriptor.AVAILABLE_OFFSET;
import static io.flashsale.cluster.ResultDescriptor.BYTE_ORDER;
import static io.flashsale.cluster.ResultDescriptor.COUNT_OFFSET;
import static io.flashsale.cluster.ResultDescriptor.DEADLINE_OFFSET;
import static io.flashsale.cluster.ResultDescriptor.DETAIL_OFFSET;
import static io.flashsale.cluster.ResultDescriptor.HELD_OFFSET;
import static io.flashsale.cluster.ResultDescriptor.LENGTH;
import static io.flashsale.cluster.ResultDescriptor.LIMIT_OFFSET;
import static io.flashsale.cluster.ResultDescriptor.MAX_REQUEST_ID_LENGTH;
import static io.flashsale.cluster.ResultDescriptor.ORDER_ID_OFFSET;
import static io.flashsale.cluster.ResultDescriptor.ORDER_STATE_OFFSET;
import static io.flashsale.cluster.ResultDescriptor.PRICE_OFFSET;
import static io.flashsale.cluster.ResultDescriptor.QUANTITY_OFFSET;
import static io.flashsale.cluster.ResultDescriptor.REQUEST_ID_LENGTH_OFFSET;
import static io.flashsale.cluster.ResultDescriptor.REQUEST_ID_OFFSET;
import static io.flashsale.cluster.ResultDescriptor.RESULT_OFFSET;
import static io.flashsale.cluster.ResultDescriptor.SALE_ID_OFFSET;
import static io.flashsale.cluster.ResultDescriptor.SKU_ID_OFFSET;
import static io.flashsale.cluster.ResultDescriptor.SOLD_OFFSET;
import static io.flashsale.cluster.ResultDescriptor.STORE_ID_OFFSET;
import static io.flashsale.cluster.ResultDescriptor.TOTAL_OFFSET;
import static io.flashsale.cluster.ResultDescriptor.TYPE_OFFSET;
import static io.flashsale.cluster.ResultDescriptor.USER_ID_OFFSET;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import io.flashsale.engine.command.CommandResult;
import io.flashsale.engine.command.CommandType;
import io.flashsale.engine.command.OrderState;
import io.flashsale.engine.command.ResultCode;

/**
 * A cluster result as the gateway's reply path reads it: the {@link CommandResult} view of one result in
 * {@link ResultDescriptor}'s layout, copied into this object's own buffer, with the caller's reply target and
 * correlation id put back in place of the router's. Also answers what the router decides itself (UNAVAILABLE after the
 * bound, UNKNOWN_ORDER for an id no shard issued). Reused for every result; one thread.
 */
public final class ClusterResult implements CommandResult
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[LENGTH]);
    private Object replyTo;
    private long correlationId;
    private long publishNanos;

    /**
     * Take a result from the egress.
     *
     * @param src           the message.
     * @param offset        its start.
     * @param replyTo       the caller's reply target.
     * @param correlationId the caller's correlation id.
     * @param publishNanos  when the caller published the command.
     * @return this.
     */
    public ClusterResult wrap(
        final DirectBuffer src, final int offset, final Object replyTo, final long correlationId,
        final long publishNanos)
    {
        buffer.putBytes(0, src, offset, LENGTH);
        this.replyTo = replyTo;
        this.correlationId = correlationId;
        this.publishNanos = publishNanos;
        return this;
    }

    /**
     * An answer the router gives itself, with no other field set.
     *
     * @param type          the command's type.
     * @param result        the outcome.
     * @param replyTo       the caller's reply target.
     * @param correlationId the caller's correlation id.
     * @param publishNanos  when the caller published the command.
     * @return this.
     */
    public ClusterResult local(
        final CommandType type, final ResultCode result, final Object replyTo, final long correlationId,
        final long publishNanos)
    {
        buffer.setMemory(0, LENGTH, (byte)0);
        buffer.putByte(TYPE_OFFSET, (byte)type.ordinal());
        buffer.putByte(RESULT_OFFSET, (byte)result.ordinal());
        this.replyTo = replyTo;
        this.correlationId = correlationId;
        this.publishNanos = publishNanos;
        return this;
    }

    @Override
    public CommandType type()
    {
        return CommandType.of(buffer.getByte(TYPE_OFFSET));
    }

    @Override
    public ResultCode result()
    {
        return ResultCode.of(buffer.getByte(RESULT_OFFSET));
    }

    @Override
    public int detail()
    {
        return buffer.getInt(DETAIL_OFFSET, BYTE_ORDER);
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

    /**
     * @return 0: a cluster result's decision time is its log timestamp, which the result does not carry.
     */
    @Override
    public long timestamp()
    {
        return 0;
    }

    @Override
    public long publishNanos()
    {
        return publishNanos;
    }

    @Override
    public long orderId()
    {
        return buffer.getLong(ORDER_ID_OFFSET, BYTE_ORDER);
    }

    @Override
    public OrderState orderState()
    {
        return OrderState.of(buffer.getByte(ORDER_STATE_OFFSET));
    }

    @Override
    public long userId()
    {
        return buffer.getLong(USER_ID_OFFSET, BYTE_ORDER);
    }

    @Override
    public long skuId()
    {
        return buffer.getLong(SKU_ID_OFFSET, BYTE_ORDER);
    }

    @Override
    public int quantity()
    {
        return buffer.getInt(QUANTITY_OFFSET, BYTE_ORDER);
    }

    @Override
    public long price()
    {
        return buffer.getLong(PRICE_OFFSET, BYTE_ORDER);
    }

    @Override
    public long deadline()
    {
        return buffer.getLong(DEADLINE_OFFSET, BYTE_ORDER);
    }

    @Override
    public long available()
    {
        return buffer.getLong(AVAILABLE_OFFSET, BYTE_ORDER);
    }

    @Override
    public long held()
    {
        return buffer.getLong(HELD_OFFSET, BYTE_ORDER);
    }

    @Override
    public long sold()
    {
        return buffer.getLong(SOLD_OFFSET, BYTE_ORDER);
    }

    @Override
    public long total()
    {
        return buffer.getLong(TOTAL_OFFSET, BYTE_ORDER);
    }

    @Override
    public int limit()
    {
        return buffer.getInt(LIMIT_OFFSET, BYTE_ORDER);
    }

    @Override
    public long saleId()
    {
        return buffer.getLong(SALE_ID_OFFSET, BYTE_ORDER);
    }

    @Override
    public long storeId()
    {
        return buffer.getLong(STORE_ID_OFFSET, BYTE_ORDER);
    }

    /**
     * @return 0: not carried by cluster results (sale definitions are answered OK or CONFLICT).
     */
    @Override
    public long openAt()
    {
        return 0;
    }

    /**
     * @return 0: not carried by cluster results.
     */
    @Override
    public long closeAt()
    {
        return 0;
    }

    /**
     * @return 0: not carried by cluster results.
     */
    @Override
    public long paymentWindowMillis()
    {
        return 0;
    }

    @Override
    public long count()
    {
        return buffer.getLong(COUNT_OFFSET, BYTE_ORDER);
    }

    @Override
    public int requestIdLength()
    {
        return Math.min(buffer.getInt(REQUEST_ID_LENGTH_OFFSET, BYTE_ORDER), MAX_REQUEST_ID_LENGTH);
    }

    @Override
    public byte requestIdByte(final int index)
    {
        return buffer.getByte(REQUEST_ID_OFFSET + index);
    }

    @Override
    public int copyRequestId(final byte[] dst, final int offset)
    {
        final int n = Math.min(requestIdLength(), dst.length - offset);
        buffer.getBytes(REQUEST_ID_OFFSET, dst, offset, n);
        return n;
    }
}
