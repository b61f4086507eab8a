package io.flashsale.bench.crash;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.flashsale.engine.journal.DataDirectoryLayout;
import io.flashsale.engine.journal.Journal;
import io.flashsale.engine.journal.JournalReader;
import io.flashsale.engine.journal.RecordHandler;
import io.flashsale.engine.journal.SyncPolicy;

/**
 * Reads a stopped node's journal and keeps each order's buy and final state, so the harness can prove every
 * acknowledged order was journaled. One thread.
 */
final class JournalOrders implements RecordHandler
{
    private final Map<Long, Ledger.Order> orders = new HashMap<>();

    /**
     * @param dataDir a node's data directory (the node stopped or dead).
     * @return journal records in it.
     */
    static long records(final Path dataDir)
    {
        try (Journal journal = new Journal(DataDirectoryLayout.journal(dataDir), SyncPolicy.NONE, true))
        {
            final JournalReader reader = journal.newReader(-1);
            reader.readAll(new JournalOrders());
            return reader.records();
        }
    }

    static Map<Long, Ledger.Order> read(final Path dataDir)
    {
        final JournalOrders handler = new JournalOrders();
        try (Journal journal = new Journal(DataDirectoryLayout.journal(dataDir), SyncPolicy.NONE, true))
        {
            final JournalReader reader = journal.newReader(-1);
            reader.readAll(handler);
        }
        return handler.orders;
    }

    @Override
    public void onSaleDefined(
        final long timestamp, final long saleId, final long openAt, final long closeAt, final long paymentWindowMillis)
    {
        // sales are not orders
    }

    @Override
    public void onSkuAdded(
        final long timestamp, final long skuId, final long saleId, final long storeId, final long price,
        final int stock, final int perUserLimit, final int maxOrdersPerBuyer)
    {
        // SKUs are not orders
    }

    @Override
    public void onLabelled(final long timestamp, final int kind, final long id, final byte[] name, final int length)
    {
        // names are not orders
    }

    @Override
    public void onRestocked(final long timestamp, final long skuId, final int quantity)
    {
        // restocks are not orders
    }

    @Override
    public void onOrderReserved(
        final long timestamp, final long orderId, final long userId, final long skuId, final int quantity,
        final long price, final long deadline, final byte[] requestId, final int requestIdLength)
    {
        final String id = new String(requestId, 0, requestIdLength, StandardCharsets.US_ASCII);
        orders.put(orderId, new Ledger.Order(orderId, new Ledger.Buy(id, skuId, userId, quantity)));
    }

    @Override
    public void onOrderPaid(final long timestamp, final long orderId)
    {
        state(orderId, Ledger.PAID);
    }

    @Override
    public void onOrderCancelled(final long timestamp, final long orderId)
    {
        state(orderId, Ledger.CANCELLED);
    }

    @Override
    public void onOrderExpired(final long timestamp, final long orderId)
    {
        state(orderId, -1);
    }

    private void state(final long orderId, final int state)
    {
        final Ledger.Order o = orders.get(orderId);
        if (o != null)
        {
            o.state = state;
        }
    }
}
