package io.flashsale.cluster;

import static io.flashsale.cluster.ResultDescriptor.AVAILABLE_OFFSET;
import static io.flashsale.cluster.ResultDescriptor.BYTE_ORDER;
import static io.flashsale.cluster.ResultDescriptor.CORRELATION_ID_OFFSET;
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
import org.agrona.MutableDirectBuffer;

import io.flashsale.engine.command.CommandType;
import io.flashsale.engine.command.EngineEvent;
import io.flashsale.engine.command.OrderState;
import io.flashsale.engine.command.ResultCode;

/**
 * Encodes a decided command's result into {@link ResultDescriptor}'s layout (member side) and reads its fields
 * (client side). Stateless and allocation-free; the buffers belong to the caller.
 */
public final class ResultCodec
{
    private ResultCodec()
    {
    }

    /**
     * @param event  a decided command.
     * @param buffer destination, at least {@link ResultDescriptor#LENGTH} bytes from offset 0.
     * @return encoded length.
     */
    public static int encode(final EngineEvent event, final MutableDirectBuffer buffer)
    {
        buffer.setMemory(0, LENGTH, (byte)0);
        buffer.putLong(CORRELATION_ID_OFFSET, event.correlationId(), BYTE_ORDER);
        buffer.putByte(TYPE_OFFSET, (byte)event.type().ordinal());
        buffer.putByte(RESULT_OFFSET, (byte)event.result().ordinal());
        buffer.putByte(ORDER_STATE_OFFSET, (byte)event.orderState().ordinal());
        buffer.putInt(DETAIL_OFFSET, event.detail(), BYTE_ORDER);
        buffer.putLong(ORDER_ID_OFFSET, event.orderId(), BYTE_ORDER);
        buffer.putLong(USER_ID_OFFSET, event.userId(), BYTE_ORDER);
        buffer.putLong(SKU_ID_OFFSET, event.skuId(), BYTE_ORDER);
        buffer.putLong(PRICE_OFFSET, event.price(), BYTE_ORDER);
        buffer.putLong(DEADLINE_OFFSET, event.deadline(), BYTE_ORDER);
        buffer.putLong(AVAILABLE_OFFSET, event.available(), BYTE_ORDER);
        buffer.putLong(HELD_OFFSET, event.held(), BYTE_ORDER);
        buffer.putLong(SOLD_OFFSET, event.sold(), BYTE_ORDER);
        buffer.putLong(TOTAL_OFFSET, event.total(), BYTE_ORDER);
        buffer.putLong(COUNT_OFFSET, event.count(), BYTE_ORDER);
        buffer.putInt(QUANTITY_OFFSET, event.quantity(), BYTE_ORDER);
        buffer.putInt(LIMIT_OFFSET, event.limit(), BYTE_ORDER);
        buffer.putLong(SALE_ID_OFFSET, event.saleId(), BYTE_ORDER);
        buffer.putLong(STORE_ID_OFFSET, event.storeId(), BYTE_ORDER);
        final int idLength = Math.min(event.requestIdLength(), MAX_REQUEST_ID_LENGTH);
        buffer.putInt(REQUEST_ID_LENGTH_OFFSET, idLength, BYTE_ORDER);
        for (int i = 0; i < idLength; i++)
        {
            buffer.putByte(REQUEST_ID_OFFSET + i, event.requestIdByte(i));
        }
        return LENGTH;
    }

    /**
     * Encode the answer to a message that is not a well-formed command: INVALID, correlation id 0 unless readable.
     *
     * @param correlationId the message's correlation id, or 0.
     * @param buffer        destination.
     * @return encoded length.
     */
    public static int encodeInvalid(final long correlationId, final MutableDirectBuffer buffer)
    {
        buffer.setMemory(0, LENGTH, (byte)0);
        buffer.putLong(CORRELATION_ID_OFFSET, correlationId, BYTE_ORDER);
        buffer.putByte(TYPE_OFFSET, (byte)CommandType.REJECTED.ordinal());
        buffer.putByte(RESULT_OFFSET, (byte)ResultCode.INVALID.ordinal());
        return LENGTH;
    }

    /**
     * @param buffer a result.
     * @param offset its start.
     * @return the correlation id of the command answered.
     */
    public static long correlationId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + CORRELATION_ID_OFFSET, BYTE_ORDER);
    }

    /**
     * @param buffer a result.
     * @param offset its start.
     * @return the result code.
     */
    public static ResultCode result(final DirectBuffer buffer, final int offset)
    {
        return ResultCode.of(buffer.getByte(offset + RESULT_OFFSET));
    }

    /**
     * @param buffer a result.
     * @param offset its start.
     * @return the order state.
     */
    public static OrderState orderState(final DirectBuffer buffer, final int offset)
    {
        return OrderState.of(buffer.getByte(offset + ORDER_STATE_OFFSET));
    }

    /**
     * @param buffer a result.
     * @param offset its start.
     * @return the order id.
     */
    public static long orderId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + ORDER_ID_OFFSET, BYTE_ORDER);
    }

    /**
     * @param buffer a result.
     * @param offset its start.
     * @return the available units (QUERY_SKU).
     */
    public static long available(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + AVAILABLE_OFFSET, BYTE_ORDER);
    }

    /**
     * @param buffer a result.
     * @param offset its start.
     * @return the sold units (QUERY_SKU).
     */
    public static long sold(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + SOLD_OFFSET, BYTE_ORDER);
    }

    /**
     * @param buffer a result.
     * @param offset its start.
     * @return the held units (QUERY_SKU).
     */
    public static long held(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + HELD_OFFSET, BYTE_ORDER);
    }
}
