package io.flashsale.engine.export;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.flashsale.engine.command.LabelKind;
import io.flashsale.engine.command.OrderState;
import io.flashsale.engine.journal.JournalReader;
import io.flashsale.engine.journal.RecordHandler;

/**
 * Turns journal records into {@link OrderRow}s that each stand alone: a PAID, CANCELLED or EXPIRED record carries only
 * the order id, so the order's RESERVED record (buyer, SKU, quantity, unit price, time, deadline, request id) is kept
 * until the order reaches a final state and copied into its later rows; the catalogue records (sale of each SKU, its
 * store, display names) are kept for the whole run. Memory therefore grows with the catalogue and the orders still
 * RESERVED, not with the journal.
 * <p>
 * Reads must start at the journal's first record (the reader's record count is the rows' position). An order whose
 * RESERVED record was not seen (a damaged journal) is still exported, with only its id and state. Single-threaded;
 * allocates per order (an export tool, not the hot path).
 */
public final class OrderRows implements RecordHandler
{
    private final JournalReader reader;
    private final boolean catalogueRows;
    private final Consumer<OrderRow> sink;
    private final OrderRow row = new OrderRow();
    private final Map<Long, Sku> skus = new HashMap<>();
    private final Map<Long, Reserved> open = new HashMap<>();
    private final Map<Long, String> saleNames = new HashMap<>();
    private final Map<Long, String> storeNames = new HashMap<>();
    private final Map<Long, String> skuNames = new HashMap<>();

    /**
     * @param reader        the reader feeding this handler, from the journal's start (for positions and indexes).
     * @param catalogueRows whether to emit SALE_DEFINED, SKU_ADDED and RESTOCKED rows too.
     * @param sink          receives each row; the row is reused after the call returns.
     */
    public OrderRows(final JournalReader reader, final boolean catalogueRows, final Consumer<OrderRow> sink)
    {
        this.reader = reader;
        this.catalogueRows = catalogueRows;
        this.sink = sink;
    }

    /**
     * @return orders seen RESERVED and not yet PAID, CANCELLED or EXPIRED.
     */
    public int openOrders()
    {
        return open.size();
    }

    private record Sku(long saleId, long storeId, long price)
    {
    }

    private record Reserved(
        long time, long userId, long skuId, int quantity, long price, long deadline, String requestId)
    {
    }

    private void start(final String state, final long time)
    {
        row.clear(state, reader.records() + 1, reader.currentIndex(), time);
    }

    private void names()
    {
        row.saleName = saleNames.getOrDefault(row.saleId, "");
        row.storeName = storeNames.getOrDefault(row.storeId, "");
        row.skuName = skuNames.getOrDefault(row.skuId, "");
    }

    private void skuFields(final long skuId)
    {
        row.skuId = skuId;
        final Sku sku = skus.get(skuId);
        if (sku != null)
        {
            row.saleId = sku.saleId();
            row.storeId = sku.storeId();
        }
    }

    @Override
    public void onSaleDefined(
        final long timestamp, final long saleId, final long openAt, final long closeAt, final long window)
    {
        if (catalogueRows)
        {
            start("SALE_DEFINED", timestamp);
            row.saleId = saleId;
            names();
            sink.accept(row);
        }
    }

    @Override
    public void onSkuAdded(
        final long timestamp, final long skuId, final long saleId, final long storeId, final long price,
        final int stock, final int perUserLimit, final int maxOrdersPerBuyer)
    {
        skus.put(skuId, new Sku(saleId, storeId, price));
        if (catalogueRows)
        {
            start("SKU_ADDED", timestamp);
            skuFields(skuId);
            row.quantity = stock;
            row.unitPrice = price;
            names();
            sink.accept(row);
        }
    }

    @Override
    public void onLabelled(final long timestamp, final int kind, final long id, final byte[] name, final int length)
    {
        final String text = new String(name, 0, length, StandardCharsets.UTF_8);
        switch (kind)
        {
            case LabelKind.SALE -> saleNames.put(id, text);
            case LabelKind.STORE -> storeNames.put(id, text);
            case LabelKind.SKU -> skuNames.put(id, text);
            default ->
            {
                // the reader rejects unknown kinds; nothing to keep
            }
        }
    }

    @Override
    public void onRestocked(final long timestamp, final long skuId, final int quantity)
    {
        if (catalogueRows)
        {
            start("RESTOCKED", timestamp);
            skuFields(skuId);
            row.quantity = quantity;
            final Sku sku = skus.get(skuId);
            row.unitPrice = sku == null ? 0 : sku.price();
            names();
            sink.accept(row);
        }
    }

    @Override
    public void onOrderReserved(
        final long timestamp, final long orderId, final long userId, final long skuId, final int quantity,
        final long price, final long deadline, final byte[] requestId, final int requestIdLength)
    {
        final Reserved order = new Reserved(timestamp, userId, skuId, quantity, price, deadline,
            new String(requestId, 0, requestIdLength, StandardCharsets.US_ASCII));
        open.put(orderId, order);
        emit(OrderState.RESERVED, timestamp, orderId, order);
    }

    @Override
    public void onOrderPaid(final long timestamp, final long orderId)
    {
        emit(OrderState.PAID, timestamp, orderId, open.remove(orderId));
    }

    @Override
    public void onOrderCancelled(final long timestamp, final long orderId)
    {
        emit(OrderState.CANCELLED, timestamp, orderId, open.remove(orderId));
    }

    @Override
    public void onOrderExpired(final long timestamp, final long orderId)
    {
        emit(OrderState.EXPIRED, timestamp, orderId, open.remove(orderId));
    }

    private void emit(final OrderState state, final long timestamp, final long orderId, final Reserved order)
    {
        start(state.name(), timestamp);
        row.orderId = orderId;
        if (order != null)
        {
            skuFields(order.skuId());
            row.orderTime = order.time();
            row.paymentDeadline = order.deadline();
            row.userId = order.userId();
            row.quantity = order.quantity();
            row.unitPrice = order.price();
            row.requestId = order.requestId();
        }
        names();
        sink.accept(row);
    }
}
