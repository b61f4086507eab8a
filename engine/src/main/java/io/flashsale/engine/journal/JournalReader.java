package io.flashsale.engine.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

import io.flashsale.engine.command.LabelKind;
import io.flashsale.engine.command.SaleLimits;

/**
 * Decodes journal excerpts into {@link RecordHandler} calls, validating every record's type, version and length
 * against the excerpt's bounds. Used by replay, the audit and the export tools.
 * <p>
 * Single-threaded. Allocation-free per record.
 */
public final class JournalReader
{
    private final ExcerptTailer tailer;
    private final byte[] requestId = new byte[64];
    private final byte[] name = new byte[LabelKind.MAX_NAME_BYTES];
    private long lastIndex = -1;
    private long currentIndex = -1;
    private long records;

    /**
     * @param tailer a tailer positioned where reading should start; owned by the caller.
     */
    public JournalReader(final ExcerptTailer tailer)
    {
        this.tailer = tailer;
    }

    /**
     * Read the next excerpt, if one is complete, and hand its records to the handler.
     *
     * @param handler receives the records in order.
     * @return false when no further complete excerpt is present yet.
     * @throws JournalCorruptedException if the excerpt does not hold a valid record sequence; no record of the
     *                                   damaged excerpt after the damage is delivered.
     */
    public boolean readExcerpt(final RecordHandler handler)
    {
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return false;
            }
            if (dc.isMetaData())
            {
                return true;
            }
            final long index = dc.index();
            currentIndex = index;
            decode(dc.wire().bytes(), index, handler);
            lastIndex = index;
            return true;
        }
    }

    /**
     * Read every complete excerpt until the end of the queue.
     *
     * @param handler receives the records.
     * @return number of records read by this call.
     */
    public long readAll(final RecordHandler handler)
    {
        final long before = records;
        while (readExcerpt(handler))
        {
            // next excerpt
        }
        return records - before;
    }

    /**
     * @return Chronicle index of the last data excerpt read, or -1.
     */
    public long lastIndex()
    {
        return lastIndex;
    }

    /**
     * @return Chronicle index of the excerpt being decoded (valid inside handler callbacks), or -1.
     */
    public long currentIndex()
    {
        return currentIndex;
    }

    /**
     * @return records decoded so far.
     */
    public long records()
    {
        return records;
    }

    private void decode(final Bytes<?> bytes, final long index, final RecordHandler handler)
    {
        final long start = bytes.readPosition();
        while (bytes.readRemaining() > 0)
        {
            final long at = bytes.readPosition() - start;
            if (bytes.readRemaining() < RecordDescriptor.HEADER_LENGTH)
            {
                throw new JournalCorruptedException(index, at, "truncated record header");
            }
            final int type = bytes.readUnsignedByte();
            final int version = bytes.readUnsignedByte();
            final int length = bytes.readUnsignedShort();
            if (version < RecordDescriptor.OLDEST_VERSION || version > RecordDescriptor.VERSION)
            {
                throw new JournalCorruptedException(index, at, "unsupported version " + version + " of " +
                    RecordDescriptor.typeName(type));
            }
            if (bytes.readRemaining() < length)
            {
                throw new JournalCorruptedException(index, at, "torn record: " + RecordDescriptor.typeName(type) +
                    " needs " + length + " bytes, excerpt has " + bytes.readRemaining());
            }
            decodePayload(bytes, type, version, length, index, at, handler);
            records++;
        }
    }

    private void decodePayload(
        final Bytes<?> bytes, final int type, final int version, final int length, final long index, final long at,
        final RecordHandler handler)
    {
        switch (type)
        {
            case RecordDescriptor.SALE_DEFINED:
                expectLength(RecordDescriptor.SALE_DEFINED_LENGTH, length, type, index, at);
                handler.onSaleDefined(
                    bytes.readLong(), bytes.readLong(), bytes.readLong(), bytes.readLong(), bytes.readLong());
                break;
            case RecordDescriptor.SKU_ADDED:
                decodeSkuAdded(bytes, version, length, index, at, handler);
                break;
            case RecordDescriptor.RESTOCKED:
                expectLength(RecordDescriptor.RESTOCKED_LENGTH, length, type, index, at);
                handler.onRestocked(bytes.readLong(), bytes.readLong(), bytes.readInt());
                break;
            case RecordDescriptor.ORDER_RESERVED:
                decodeReserved(bytes, length, index, at, handler);
                break;
            case RecordDescriptor.ORDER_PAID:
                expectLength(RecordDescriptor.ORDER_CHANGE_LENGTH, length, type, index, at);
                handler.onOrderPaid(bytes.readLong(), bytes.readLong());
                break;
            case RecordDescriptor.ORDER_CANCELLED:
                expectLength(RecordDescriptor.ORDER_CHANGE_LENGTH, length, type, index, at);
                handler.onOrderCancelled(bytes.readLong(), bytes.readLong());
                break;
            case RecordDescriptor.ORDER_EXPIRED:
                expectLength(RecordDescriptor.ORDER_CHANGE_LENGTH, length, type, index, at);
                handler.onOrderExpired(bytes.readLong(), bytes.readLong());
                break;
            case RecordDescriptor.LABELLED:
                if (version < 2)
                {
                    throw new JournalCorruptedException(index, at, "LABELLED in record version " + version);
                }
                decodeLabelled(bytes, length, index, at, handler);
                break;
            default:
                throw new JournalCorruptedException(index, at, "unknown record type " + type);
        }
    }

    private static void decodeSkuAdded(
        final Bytes<?> bytes, final int version, final int length, final long index, final long at,
        final RecordHandler handler)
    {
        final int type = RecordDescriptor.SKU_ADDED;
        expectLength(version == 1 ? RecordDescriptor.SKU_ADDED_V1_LENGTH : RecordDescriptor.SKU_ADDED_LENGTH,
            length, type, index, at);
        final long timestamp = bytes.readLong();
        final long skuId = bytes.readLong();
        final long saleId = bytes.readLong();
        final long storeId = bytes.readLong();
        final long price = bytes.readLong();
        final int stock = bytes.readInt();
        final int limit = bytes.readInt();
        final int maxOrders = version == 1 ? SaleLimits.defaultMaxOrdersPerBuyer(limit) : bytes.readInt();
        handler.onSkuAdded(timestamp, skuId, saleId, storeId, price, stock, limit, maxOrders);
    }

    private void decodeLabelled(
        final Bytes<?> bytes, final int length, final long index, final long at, final RecordHandler handler)
    {
        if (length <= RecordDescriptor.LABELLED_FIXED_LENGTH ||
            length > RecordDescriptor.LABELLED_FIXED_LENGTH + LabelKind.MAX_NAME_BYTES)
        {
            throw new JournalCorruptedException(index, at, "LABELLED with impossible length " + length);
        }
        final long timestamp = bytes.readLong();
        final int kind = bytes.readUnsignedByte();
        final long id = bytes.readLong();
        final int nameLength = bytes.readUnsignedByte();
        if (nameLength != length - RecordDescriptor.LABELLED_FIXED_LENGTH || !LabelKind.valid(kind))
        {
            throw new JournalCorruptedException(index, at, "LABELLED with kind " + kind + " and name length " +
                nameLength + " in a record of length " + length);
        }
        bytes.read(name, 0, nameLength);
        handler.onLabelled(timestamp, kind, id, name, nameLength);
    }

    private void decodeReserved(
        final Bytes<?> bytes, final int length, final long index, final long at, final RecordHandler handler)
    {
        if (length <= RecordDescriptor.ORDER_RESERVED_FIXED_LENGTH ||
            length > RecordDescriptor.ORDER_RESERVED_FIXED_LENGTH + requestId.length)
        {
            throw new JournalCorruptedException(index, at, "ORDER_RESERVED with impossible length " + length);
        }
        final long timestamp = bytes.readLong();
        final long orderId = bytes.readLong();
        final long userId = bytes.readLong();
        final long skuId = bytes.readLong();
        final long price = bytes.readLong();
        final long deadline = bytes.readLong();
        final int quantity = bytes.readInt();
        final int idLength = bytes.readUnsignedByte();
        if (idLength != length - RecordDescriptor.ORDER_RESERVED_FIXED_LENGTH)
        {
            throw new JournalCorruptedException(index, at, "ORDER_RESERVED request id length " + idLength +
                " disagrees with record length " + length);
        }
        bytes.read(requestId, 0, idLength);
        handler.onOrderReserved(timestamp, orderId, userId, skuId, quantity, price, deadline, requestId, idLength);
    }

    private static void expectLength(
        final int expected, final int actual, final int type, final long index, final long at)
    {
        if (expected != actual)
        {
            throw new JournalCorruptedException(index, at, RecordDescriptor.typeName(type) + " with length " +
                actual + ", expected " + expected);
        }
    }
}
