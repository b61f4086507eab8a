package io.flashsale.cluster;

import static io.flashsale.cluster.CommandDescriptor.BYTE_ORDER;
import static io.flashsale.cluster.CommandDescriptor.CLOSE_AT_OFFSET;
import static io.flashsale.cluster.CommandDescriptor.CORRELATION_ID_OFFSET;
import static io.flashsale.cluster.CommandDescriptor.FIXED_LENGTH;
import static io.flashsale.cluster.CommandDescriptor.LABEL_ID_OFFSET;
import static io.flashsale.cluster.CommandDescriptor.LABEL_KIND_OFFSET;
import static io.flashsale.cluster.CommandDescriptor.LIMIT_OFFSET;
import static io.flashsale.cluster.CommandDescriptor.MAX_ORDERS_OFFSET;
import static io.flashsale.cluster.CommandDescriptor.MAX_VARIABLE_LENGTH;
import static io.flashsale.cluster.CommandDescriptor.OPEN_AT_OFFSET;
import static io.flashsale.cluster.CommandDescriptor.ORDER_ID_OFFSET;
import static io.flashsale.cluster.CommandDescriptor.PAYMENT_WINDOW_OFFSET;
import static io.flashsale.cluster.CommandDescriptor.PRICE_OFFSET;
import static io.flashsale.cluster.CommandDescriptor.QUANTITY_OFFSET;
import static io.flashsale.cluster.CommandDescriptor.SALE_ID_OFFSET;
import static io.flashsale.cluster.CommandDescriptor.SKU_ID_OFFSET;
import static io.flashsale.cluster.CommandDescriptor.STORE_ID_OFFSET;
import static io.flashsale.cluster.CommandDescriptor.TYPE_OFFSET;
import static io.flashsale.cluster.CommandDescriptor.USER_ID_OFFSET;
import static io.flashsale.cluster.CommandDescriptor.VARIABLE_LENGTH_OFFSET;
import static io.flashsale.cluster.CommandDescriptor.VERSION;
import static io.flashsale.cluster.CommandDescriptor.VERSION_OFFSET;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import io.flashsale.engine.command.CommandType;
import io.flashsale.engine.command.EngineEvent;

/**
 * Encodes commands into {@link CommandDescriptor}'s layout (client side) and decodes them into a preallocated
 * {@link EngineEvent} (member side). Stateless and allocation-free; the buffers belong to the caller. Every encoder
 * returns the encoded length; the buffer must hold {@link CommandDescriptor#MAX_LENGTH} bytes from offset 0.
 */
public final class CommandCodec
{
    private CommandCodec()
    {
    }

    /**
     * @param buffer        destination.
     * @param correlationId echoed in the result.
     * @param userId        buyer.
     * @param skuId         SKU.
     * @param quantity      units.
     * @param requestId     the buyer's request id, ASCII.
     * @return encoded length.
     */
    public static int buy(
        final MutableDirectBuffer buffer,
        final long correlationId,
        final long userId,
        final long skuId,
        final int quantity,
        final CharSequence requestId)
    {
        header(buffer, CommandType.BUY, correlationId);
        buffer.putLong(USER_ID_OFFSET, userId, BYTE_ORDER);
        buffer.putLong(SKU_ID_OFFSET, skuId, BYTE_ORDER);
        buffer.putInt(QUANTITY_OFFSET, quantity, BYTE_ORDER);
        final int length = Math.min(requestId.length(), MAX_VARIABLE_LENGTH);
        for (int i = 0; i < length; i++)
        {
            final char c = requestId.charAt(i);
            buffer.putByte(FIXED_LENGTH + i, c < 128 ? (byte)c : 0);
        }
        buffer.putShort(VARIABLE_LENGTH_OFFSET, (short)length, BYTE_ORDER);
        return FIXED_LENGTH + length;
    }

    /**
     * @param buffer        destination.
     * @param type          PAY, CANCEL or QUERY_ORDER.
     * @param correlationId echoed in the result.
     * @param orderId       the order.
     * @param userId        its buyer (ignored by QUERY_ORDER).
     * @return encoded length.
     */
    public static int order(
        final MutableDirectBuffer buffer,
        final CommandType type,
        final long correlationId,
        final long orderId,
        final long userId)
    {
        header(buffer, type, correlationId);
        buffer.putLong(ORDER_ID_OFFSET, orderId, BYTE_ORDER);
        buffer.putLong(USER_ID_OFFSET, userId, BYTE_ORDER);
        return FIXED_LENGTH;
    }

    /**
     * @param buffer        destination.
     * @param correlationId echoed in the result.
     * @param skuId         the SKU.
     * @return encoded length.
     */
    public static int querySku(final MutableDirectBuffer buffer, final long correlationId, final long skuId)
    {
        header(buffer, CommandType.QUERY_SKU, correlationId);
        buffer.putLong(SKU_ID_OFFSET, skuId, BYTE_ORDER);
        return FIXED_LENGTH;
    }

    /**
     * @param buffer              destination.
     * @param correlationId       echoed in the result.
     * @param saleId              sale id.
     * @param openAt              opening, epoch ms (cluster time).
     * @param closeAt             closing, epoch ms.
     * @param paymentWindowMillis time a RESERVED order has to be paid.
     * @return encoded length.
     */
    public static int defineSale(
        final MutableDirectBuffer buffer,
        final long correlationId,
        final long saleId,
        final long openAt,
        final long closeAt,
        final long paymentWindowMillis)
    {
        header(buffer, CommandType.DEFINE_SALE, correlationId);
        buffer.putLong(SALE_ID_OFFSET, saleId, BYTE_ORDER);
        buffer.putLong(OPEN_AT_OFFSET, openAt, BYTE_ORDER);
        buffer.putLong(CLOSE_AT_OFFSET, closeAt, BYTE_ORDER);
        buffer.putLong(PAYMENT_WINDOW_OFFSET, paymentWindowMillis, BYTE_ORDER);
        return FIXED_LENGTH;
    }

    /**
     * @param buffer        destination.
     * @param correlationId echoed in the result.
     * @param saleId        its sale.
     * @param skuId         SKU id.
     * @param storeId       its store.
     * @param price         unit price, minor units.
     * @param stock         initial stock.
     * @param limit         units one buyer may hold or own.
     * @param maxOrders     orders one buyer may place for the SKU.
     * @return encoded length.
     */
    public static int addSku(
        final MutableDirectBuffer buffer,
        final long correlationId,
        final long saleId,
        final long skuId,
        final long storeId,
        final long price,
        final int stock,
        final int limit,
        final int maxOrders)
    {
        header(buffer, CommandType.ADD_SKU, correlationId);
        buffer.putLong(SALE_ID_OFFSET, saleId, BYTE_ORDER);
        buffer.putLong(SKU_ID_OFFSET, skuId, BYTE_ORDER);
        buffer.putLong(STORE_ID_OFFSET, storeId, BYTE_ORDER);
        buffer.putLong(PRICE_OFFSET, price, BYTE_ORDER);
        buffer.putInt(QUANTITY_OFFSET, stock, BYTE_ORDER);
        buffer.putInt(LIMIT_OFFSET, limit, BYTE_ORDER);
        buffer.putInt(MAX_ORDERS_OFFSET, maxOrders, BYTE_ORDER);
        return FIXED_LENGTH;
    }

    /**
     * @param buffer        destination.
     * @param correlationId echoed in the result.
     * @param skuId         SKU.
     * @param quantity      units added.
     * @return encoded length.
     */
    public static int restock(
        final MutableDirectBuffer buffer, final long correlationId, final long skuId, final int quantity)
    {
        header(buffer, CommandType.RESTOCK, correlationId);
        buffer.putLong(SKU_ID_OFFSET, skuId, BYTE_ORDER);
        buffer.putInt(QUANTITY_OFFSET, quantity, BYTE_ORDER);
        return FIXED_LENGTH;
    }

    /**
     * @param buffer        destination.
     * @param correlationId echoed in the result.
     * @param kind          {@code LabelKind} code.
     * @param id            the named thing's id.
     * @param name          name bytes, UTF-8.
     * @param offset        start in name.
     * @param length        its length (at most {@link CommandDescriptor#MAX_VARIABLE_LENGTH}).
     * @return encoded length.
     */
    public static int label(
        final MutableDirectBuffer buffer,
        final long correlationId,
        final int kind,
        final long id,
        final byte[] name,
        final int offset,
        final int length)
    {
        header(buffer, CommandType.LABEL, correlationId);
        buffer.putInt(LABEL_KIND_OFFSET, kind, BYTE_ORDER);
        buffer.putLong(LABEL_ID_OFFSET, id, BYTE_ORDER);
        final int n = Math.min(length, MAX_VARIABLE_LENGTH);
        buffer.putBytes(FIXED_LENGTH, name, offset, n);
        buffer.putShort(VARIABLE_LENGTH_OFFSET, (short)n, BYTE_ORDER);
        return FIXED_LENGTH + n;
    }

    /**
     * Encode a command a caller published on a ring (client side: the gateway's router).
     *
     * @param event         the published command: BUY, PAY, CANCEL, QUERY_ORDER, QUERY_SKU, RESTOCK, ADD_SKU,
     *                      DEFINE_SALE or LABEL.
     * @param correlationId the router's correlation id for it.
     * @param buffer        destination.
     * @return encoded length, or 0 if the type is not a client command.
     */
    public static int encode(final EngineEvent event, final long correlationId, final MutableDirectBuffer buffer)
    {
        final CommandType type = event.type();
        switch (type)
        {
            case BUY:
            {
                header(buffer, type, correlationId);
                buffer.putLong(USER_ID_OFFSET, event.userId(), BYTE_ORDER);
                buffer.putLong(SKU_ID_OFFSET, event.skuId(), BYTE_ORDER);
                buffer.putInt(QUANTITY_OFFSET, event.quantity(), BYTE_ORDER);
                final int length = Math.min(event.requestIdLength(), MAX_VARIABLE_LENGTH);
                for (int i = 0; i < length; i++)
                {
                    buffer.putByte(FIXED_LENGTH + i, event.requestIdByte(i));
                }
                buffer.putShort(VARIABLE_LENGTH_OFFSET, (short)length, BYTE_ORDER);
                return FIXED_LENGTH + length;
            }
            case PAY:
            case CANCEL:
            case QUERY_ORDER:
                return order(buffer, type, correlationId, event.orderId(), event.userId());
            case QUERY_SKU:
                return querySku(buffer, correlationId, event.skuId());
            case RESTOCK:
                return restock(buffer, correlationId, event.skuId(), event.quantity());
            case ADD_SKU:
                return addSku(buffer, correlationId, event.saleId(), event.skuId(), event.storeId(), event.price(),
                    event.quantity(), event.limit(), event.maxOrders());
            case DEFINE_SALE:
                return defineSale(buffer, correlationId, event.saleId(), event.openAt(), event.closeAt(),
                    event.paymentWindowMillis());
            case LABEL:
                return label(buffer, correlationId, event.labelKind(), event.labelId(), event.nameBuffer(), 0,
                    event.nameLength());
            default:
                return 0;
        }
    }

    /**
     * Decode a command into a preallocated event, resetting it first.
     *
     * @param buffer    the message.
     * @param offset    its start.
     * @param length    its length.
     * @param timestamp command time: the cluster log timestamp of the message.
     * @param event     filled on success.
     * @return false when the message is not a well-formed client command (the event is then not usable).
     */
    public static boolean decode(
        final DirectBuffer buffer, final int offset, final int length, final long timestamp, final EngineEvent event)
    {
        if (length < FIXED_LENGTH || buffer.getByte(offset + VERSION_OFFSET) != VERSION)
        {
            return false;
        }
        final int variable = buffer.getShort(offset + VARIABLE_LENGTH_OFFSET, BYTE_ORDER) & 0xFFFF;
        final int typeCode = buffer.getByte(offset + TYPE_OFFSET);
        if (variable > MAX_VARIABLE_LENGTH || FIXED_LENGTH + variable != length || !clientType(typeCode))
        {
            return false;
        }
        final CommandType type = CommandType.of(typeCode);
        event.reset(type, null, buffer.getLong(offset + CORRELATION_ID_OFFSET, BYTE_ORDER), timestamp, 0);
        event.userId(buffer.getLong(offset + USER_ID_OFFSET, BYTE_ORDER));
        event.skuId(buffer.getLong(offset + SKU_ID_OFFSET, BYTE_ORDER));
        event.orderId(buffer.getLong(offset + ORDER_ID_OFFSET, BYTE_ORDER));
        event.quantity(buffer.getInt(offset + QUANTITY_OFFSET, BYTE_ORDER));
        switch (type)
        {
            case BUY:
                decodeRequestId(buffer, offset + FIXED_LENGTH, variable, event);
                break;
            case DEFINE_SALE:
                event.saleId(buffer.getLong(offset + SALE_ID_OFFSET, BYTE_ORDER));
                event.window(
                    buffer.getLong(offset + OPEN_AT_OFFSET, BYTE_ORDER),
                    buffer.getLong(offset + CLOSE_AT_OFFSET, BYTE_ORDER),
                    buffer.getLong(offset + PAYMENT_WINDOW_OFFSET, BYTE_ORDER));
                break;
            case ADD_SKU:
                event.saleId(buffer.getLong(offset + SALE_ID_OFFSET, BYTE_ORDER));
                event.storeId(buffer.getLong(offset + STORE_ID_OFFSET, BYTE_ORDER));
                event.price(buffer.getLong(offset + PRICE_OFFSET, BYTE_ORDER));
                event.limit(buffer.getInt(offset + LIMIT_OFFSET, BYTE_ORDER));
                event.maxOrders(buffer.getInt(offset + MAX_ORDERS_OFFSET, BYTE_ORDER));
                break;
            case LABEL:
                decodeLabel(buffer, offset, variable, event);
                break;
            default:
                break;
        }
        return true;
    }

    private static void decodeRequestId(
        final DirectBuffer buffer, final int at, final int length, final EngineEvent event)
    {
        final byte[] id = event.requestIdBuffer();
        final int n = Math.min(length, id.length);
        buffer.getBytes(at, id, 0, n);
        event.requestId(id, 0, length);
    }

    private static void decodeLabel(
        final DirectBuffer buffer, final int offset, final int length, final EngineEvent event)
    {
        final byte[] name = event.nameBuffer();
        final int n = Math.min(length, name.length);
        buffer.getBytes(offset + FIXED_LENGTH, name, 0, n);
        event.label(
            buffer.getInt(offset + LABEL_KIND_OFFSET, BYTE_ORDER),
            buffer.getLong(offset + LABEL_ID_OFFSET, BYTE_ORDER),
            name,
            0,
            length);
    }

    private static boolean clientType(final int typeCode)
    {
        return typeCode >= CommandType.DEFINE_SALE.ordinal() && typeCode <= CommandType.QUERY_SKU.ordinal() &&
            typeCode != CommandType.TICK.ordinal();
    }

    private static void header(final MutableDirectBuffer buffer, final CommandType type, final long correlationId)
    {
        buffer.setMemory(0, FIXED_LENGTH, (byte)0);
        buffer.putByte(TYPE_OFFSET, (byte)type.ordinal());
        buffer.putByte(VERSION_OFFSET, (byte)VERSION);
        buffer.putLong(CORRELATION_ID_OFFSET, correlationId, BYTE_ORDER);
    }
}
