package io.flashsale.cluster.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.flashsale.engine.journal.DataDirectoryLayout;
import io.flashsale.engine.journal.Journal;
import io.flashsale.engine.journal.RecordHandler;
import io.flashsale.engine.journal.SyncPolicy;

/**
 * Every record of a data directory's journal as one line of text, in journal order (what {@code flashsale export
 * --all} reads), so two members' journals can be compared record by record.
 */
public final class JournalLines implements RecordHandler
{
    private final List<String> lines = new ArrayList<>();

    private JournalLines()
    {
    }

    /**
     * @param dataDirectory a member's data directory (the member stopped).
     * @return its journal's records, one line each.
     */
    public static List<String> of(final Path dataDirectory)
    {
        final JournalLines handler = new JournalLines();
        try (Journal journal = new Journal(DataDirectoryLayout.journal(dataDirectory), SyncPolicy.NONE, true))
        {
            journal.newReader(-1).readAll(handler);
        }
        return handler.lines;
    }

    @Override
    public void onSaleDefined(
        final long timestamp, final long saleId, final long openAt, final long closeAt, final long paymentWindowMillis)
    {
        lines.add("SALE_DEFINED " + timestamp + " " + saleId + " " + openAt + " " + closeAt + " " +
            paymentWindowMillis);
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
        lines.add("SKU_ADDED " + timestamp + " " + skuId + " " + saleId + " " + storeId + " " + price + " " + stock +
            " " + perUserLimit + " " + maxOrdersPerBuyer);
    }

    @Override
    public void onLabelled(final long timestamp, final int kind, final long id, final byte[] name, final int length)
    {
        lines.add("LABELLED " + timestamp + " " + kind + " " + id + " " +
            new String(name, 0, length, StandardCharsets.UTF_8));
    }

    @Override
    public void onRestocked(final long timestamp, final long skuId, final int quantity)
    {
        lines.add("RESTOCKED " + timestamp + " " + skuId + " " + quantity);
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
        lines.add("ORDER_RESERVED " + timestamp + " " + orderId + " " + userId + " " + skuId + " " + quantity + " " +
            price + " " + deadline + " " + new String(requestId, 0, requestIdLength, StandardCharsets.US_ASCII));
    }

    @Override
    public void onOrderPaid(final long timestamp, final long orderId)
    {
        lines.add("ORDER_PAID " + timestamp + " " + orderId);
    }

    @Override
    public void onOrderCancelled(final long timestamp, final long orderId)
    {
        lines.add("ORDER_CANCELLED " + timestamp + " " + orderId);
    }

    @Override
    public void onOrderExpired(final long timestamp, final long orderId)
    {
        lines.add("ORDER_EXPIRED " + timestamp + " " + orderId);
    }
}
