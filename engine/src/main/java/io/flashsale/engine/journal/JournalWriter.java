package io.flashsale.engine.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Encodes records into Chronicle Queue excerpts without allocating: records accumulate in one open excerpt until
 * {@link #commit()} (end of a ring batch) or until the excerpt reaches its size cap.
 * <p>
 * Single-threaded: use from the business thread only. Chronicle's per-call thread check is switched off for this
 * appender (it cost about a tenth of the engine thread's time); the engine's design is what keeps it on one thread.
 */
public final class JournalWriter implements RecordHandler, AutoCloseable
{
    /** An open excerpt is closed and a new one started beyond this many bytes. */
    static final int MAX_EXCERPT_BYTES = 64 * 1024;

    private final ExcerptAppender appender;
    private final boolean syncOnCommit;
    private DocumentContext document;
    private Bytes<?> bytes;
    private long excerptStart;
    private long recordsWritten;
    private long excerptsWritten;
    private long bytesWritten;

    /**
     * @param appender     the queue's appender, owned from now on by this writer.
     * @param syncOnCommit msync the mapped file at each commit (survives power loss; slower).
     */
    public JournalWriter(final ExcerptAppender appender, final boolean syncOnCommit)
    {
        this.appender = appender;
        this.syncOnCommit = syncOnCommit;
        appender.singleThreadedCheckDisabled(true);
    }

    private void begin(final int type, final int payloadLength)
    {
        if (document != null && bytes.writePosition() - excerptStart > MAX_EXCERPT_BYTES)
        {
            commit();
        }
        if (document == null)
        {
            document = appender.writingDocument();
            bytes = document.wire().bytes();
            excerptStart = bytes.writePosition();
        }
        bytes.writeByte((byte)type);
        bytes.writeByte((byte)RecordDescriptor.VERSION);
        bytes.writeShort((short)payloadLength);
        recordsWritten++;
        bytesWritten += RecordDescriptor.HEADER_LENGTH + payloadLength;
    }

    /**
     * Close the open excerpt, if any, making its records visible to readers; a crash of the process after this
     * returns does not lose them.
     *
     * @return true if an excerpt was closed.
     */
    public boolean commit()
    {
        if (document == null)
        {
            return false;
        }
        final DocumentContext toClose = document;
        document = null;
        bytes = null;
        toClose.close();
        excerptsWritten++;
        if (syncOnCommit)
        {
            appender.sync();
        }
        return true;
    }

    /**
     * Abandon the open excerpt (its records are never made visible); used when the batch cannot be completed.
     */
    public void rollback()
    {
        if (document != null)
        {
            final DocumentContext toClose = document;
            document = null;
            bytes = null;
            toClose.rollbackOnClose();
            toClose.close();
        }
    }

    /**
     * @return Chronicle index of the last committed excerpt, or -1 when none was written by this writer.
     */
    public long lastIndex()
    {
        return excerptsWritten == 0 ? -1 : appender.lastIndexAppended();
    }

    /**
     * @return records written by this writer.
     */
    public long recordsWritten()
    {
        return recordsWritten;
    }

    /**
     * @return excerpts committed by this writer.
     */
    public long excerptsWritten()
    {
        return excerptsWritten;
    }

    /**
     * @return record bytes written by this writer (excluding Chronicle's own headers).
     */
    public long bytesWritten()
    {
        return bytesWritten;
    }

    @Override
    public void onSaleDefined(
        final long timestamp, final long saleId, final long openAt, final long closeAt, final long paymentWindowMillis)
    {
        begin(RecordDescriptor.SALE_DEFINED, RecordDescriptor.SALE_DEFINED_LENGTH);
        bytes.writeLong(timestamp);
        bytes.writeLong(saleId);
        bytes.writeLong(openAt);
        bytes.writeLong(closeAt);
        bytes.writeLong(paymentWindowMillis);
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
        begin(RecordDescriptor.SKU_ADDED, RecordDescriptor.SKU_ADDED_LENGTH);
        bytes.writeLong(timestamp);
        bytes.writeLong(skuId);
        bytes.writeLong(saleId);
        bytes.writeLong(storeId);
        bytes.writeLong(price);
        bytes.writeInt(stock);
        bytes.writeInt(perUserLimit);
        bytes.writeInt(maxOrdersPerBuyer);
    }

    @Override
    public void onLabelled(final long timestamp, final int kind, final long id, final byte[] name, final int length)
    {
        begin(RecordDescriptor.LABELLED, RecordDescriptor.LABELLED_FIXED_LENGTH + length);
        bytes.writeLong(timestamp);
        bytes.writeByte((byte)kind);
        bytes.writeLong(id);
        bytes.writeByte((byte)length);
        bytes.write(name, 0, length);
    }

    @Override
    public void onRestocked(final long timestamp, final long skuId, final int quantity)
    {
        begin(RecordDescriptor.RESTOCKED, RecordDescriptor.RESTOCKED_LENGTH);
        bytes.writeLong(timestamp);
        bytes.writeLong(skuId);
        bytes.writeInt(quantity);
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
        begin(RecordDescriptor.ORDER_RESERVED, RecordDescriptor.ORDER_RESERVED_FIXED_LENGTH + requestIdLength);
        bytes.writeLong(timestamp);
        bytes.writeLong(orderId);
        bytes.writeLong(userId);
        bytes.writeLong(skuId);
        bytes.writeLong(price);
        bytes.writeLong(deadline);
        bytes.writeInt(quantity);
        bytes.writeByte((byte)requestIdLength);
        bytes.write(requestId, 0, requestIdLength);
    }

    @Override
    public void onOrderPaid(final long timestamp, final long orderId)
    {
        orderChange(RecordDescriptor.ORDER_PAID, timestamp, orderId);
    }

    @Override
    public void onOrderCancelled(final long timestamp, final long orderId)
    {
        orderChange(RecordDescriptor.ORDER_CANCELLED, timestamp, orderId);
    }

    @Override
    public void onOrderExpired(final long timestamp, final long orderId)
    {
        orderChange(RecordDescriptor.ORDER_EXPIRED, timestamp, orderId);
    }

    private void orderChange(final int type, final long timestamp, final long orderId)
    {
        begin(type, RecordDescriptor.ORDER_CHANGE_LENGTH);
        bytes.writeLong(timestamp);
        bytes.writeLong(orderId);
    }

    /**
     * Commit what is open and close the appender.
     */
    @Override
    public void close()
    {
        commit();
        appender.close();
    }
}
