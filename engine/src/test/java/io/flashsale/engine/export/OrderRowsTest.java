package io.flashsale.engine.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.engine.command.LabelKind;
import io.flashsale.engine.journal.Journal;
import io.flashsale.engine.journal.JournalReader;
import io.flashsale.engine.journal.JournalWriter;
import io.flashsale.engine.journal.SyncPolicy;

class OrderRowsTest
{
    private static final long T = 1_800_000_000_000L;

    @TempDir
    Path dir;

    /** What a sink keeps of a reused row. */
    private record Kept(long position, String state, long stateTime, long orderTime, long orderId, long saleId,
        long storeId, long skuId, long userId, long quantity, long unitPrice, long amount, String requestId,
        String saleName, String storeName, String skuName)
    {
        static Kept of(final OrderRow r)
        {
            return new Kept(r.position(), r.state(), r.stateTime(), r.orderTime(), r.orderId(), r.saleId(),
                r.storeId(), r.skuId(), r.userId(), r.quantity(), r.unitPrice(), r.amount(), r.requestId(),
                r.saleName(), r.storeName(), r.skuName());
        }
    }

    private static void label(final JournalWriter writer, final int kind, final long id, final String name)
    {
        final byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        writer.onLabelled(T, kind, id, bytes, bytes.length);
    }

    private List<Kept> export(final boolean catalogue)
    {
        final List<Kept> rows = new ArrayList<>();
        try (Journal journal = new Journal(dir, SyncPolicy.NONE, true))
        {
            final JournalReader reader = journal.newReader(-1);
            final OrderRows handler = new OrderRows(reader, catalogue, row -> rows.add(Kept.of(row)));
            reader.readAll(handler);
            assertEquals(0, handler.openOrders(), "final states release the orders they close");
        }
        return rows;
    }

    @Test
    void shouldCarryTheReservedOrderAndCatalogueNamesIntoEveryLaterRow()
    {
        try (Journal journal = new Journal(dir, SyncPolicy.NONE, false); JournalWriter writer = journal.newWriter())
        {
            writer.onSaleDefined(T, 7, T, T + 3_600_000, 60_000);
            writer.onSkuAdded(T, 70, 7, 3, 1_250, 10, 2, 20);
            label(writer, LabelKind.SALE, 7, "Double 11");
            label(writer, LabelKind.STORE, 3, "Tea House, \"Hangzhou\"");
            label(writer, LabelKind.SKU, 70, "Longjing 250 g");
            writer.commit();
            final byte[] first = "r-1".getBytes(StandardCharsets.US_ASCII);
            final byte[] second = "r-2".getBytes(StandardCharsets.US_ASCII);
            writer.onOrderReserved(T + 1, 1, 500, 70, 2, 1_250, T + 60_001, first, first.length);
            writer.onOrderReserved(T + 2, 2, 501, 70, 1, 1_250, T + 60_002, second, second.length);
            writer.commit();
            writer.onOrderPaid(T + 10, 1);
            writer.onOrderExpired(T + 60_002, 2);
            writer.onOrderCancelled(T + 70_000, 9);
            writer.commit();
        }
        final List<Kept> rows = export(false);
        assertEquals(List.of(
            new Kept(6, "RESERVED", T + 1, T + 1, 1, 7, 3, 70, 500, 2, 1_250, 2_500, "r-1", "Double 11",
                "Tea House, \"Hangzhou\"", "Longjing 250 g"),
            new Kept(7, "RESERVED", T + 2, T + 2, 2, 7, 3, 70, 501, 1, 1_250, 1_250, "r-2", "Double 11",
                "Tea House, \"Hangzhou\"", "Longjing 250 g"),
            new Kept(8, "PAID", T + 10, T + 1, 1, 7, 3, 70, 500, 2, 1_250, 2_500, "r-1", "Double 11",
                "Tea House, \"Hangzhou\"", "Longjing 250 g"),
            new Kept(9, "EXPIRED", T + 60_002, T + 2, 2, 7, 3, 70, 501, 1, 1_250, 1_250, "r-2", "Double 11",
                "Tea House, \"Hangzhou\"", "Longjing 250 g"),
            new Kept(10, "CANCELLED", T + 70_000, 0, 9, 0, 0, 0, 0, 0, 0, 0, "", "", "", "")), rows);

        final List<Kept> all = export(true);
        assertEquals(List.of("SALE_DEFINED", "SKU_ADDED", "RESERVED", "RESERVED", "PAID", "EXPIRED", "CANCELLED"),
            all.stream().map(Kept::state).toList());
        assertEquals(new Kept(2, "SKU_ADDED", T, 0, 0, 7, 3, 70, 0, 10, 1_250, 0, "", "", "", ""), all.get(1));
    }
}
