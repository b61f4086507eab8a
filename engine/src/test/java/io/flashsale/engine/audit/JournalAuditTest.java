package io.flashsale.engine.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.engine.command.OrderState;
import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.journal.DataDirectoryLayout;
import io.flashsale.engine.journal.Journal;
import io.flashsale.engine.journal.JournalWriter;
import io.flashsale.engine.journal.SyncPolicy;
import io.flashsale.engine.pipeline.EngineConfig;
import io.flashsale.engine.support.EngineClient;
import io.flashsale.engine.support.ManualClock;

class JournalAuditTest
{
    private static final long OPEN = 1_700_000_000_000L;
    private static final long WINDOW = 60_000;

    @TempDir
    Path data;

    private final ManualClock clock = new ManualClock(OPEN + 1);

    private void runSale()
    {
        try (EngineClient node = new EngineClient(new EngineConfig().dataDirectory(data).clock(clock)
            .tickIntervalMillis(0)))
        {
            assertEquals(ResultCode.OK, node.defineSale(1, OPEN, OPEN + 1_000_000, WINDOW).code());
            assertEquals(ResultCode.OK, node.addSku(1, 10, 100, 4, 1).code());
            for (int u = 1; u <= 4; u++)
            {
                assertEquals(ResultCode.RESERVED, node.buy(u, 10, 1, "id-" + u).code());
            }
            assertEquals(ResultCode.SOLD_OUT, node.buy(5, 10, 1, "id-5").code());
            assertEquals(ResultCode.PAID, node.pay(1, 1).code());
            assertEquals(ResultCode.CANCELLED, node.cancel(2, 2).code());
            clock.advance(WINDOW);
            assertEquals(2, node.tick().count());
            assertEquals(ResultCode.RESERVED, node.buy(5, 10, 1, "id-5").code());
        }
    }

    @Test
    void shouldPassACleanSaleAndSummariseIt()
    {
        runSale();
        final AuditReport report = JournalAudit.run(data);
        assertTrue(report.clean(), report.violations().toString());
        assertEquals(1, report.ordersByState()[OrderState.PAID.ordinal()]);
        assertEquals(1, report.ordersByState()[OrderState.CANCELLED.ordinal()]);
        assertEquals(2, report.ordersByState()[OrderState.EXPIRED.ordinal()]);
        assertEquals(1, report.ordersByState()[OrderState.RESERVED.ordinal()]);
        final AuditReport.SkuUnits sku = report.skus().get(0);
        assertEquals(new AuditReport.SkuUnits(10, 4, 2, 1, 1), sku);
        assertEquals(2, report.usersAtLimit());
        assertTrue(report.snapshotCheck().contains("matches the journal"), report.snapshotCheck());
    }

    @Test
    void shouldReportOversellAndDuplicateRequestIdWithTheirIndex()
    {
        runSale();
        try (Journal journal = new Journal(DataDirectoryLayout.journal(data), SyncPolicy.NONE, false))
        {
            final JournalWriter writer = journal.newWriter();
            final byte[] id = "id-1".getBytes(StandardCharsets.US_ASCII);
            writer.onOrderReserved(OPEN + 2, 6, 1, 10, 1, 100, OPEN + 2 + WINDOW, id, id.length);
            final byte[] fresh = "fresh".getBytes(StandardCharsets.US_ASCII);
            writer.onOrderReserved(OPEN + 2, 6, 9, 10, 3, 100, OPEN + 2 + WINDOW, fresh, fresh.length);
            writer.onOrderPaid(OPEN + 3, 2);
            writer.close();
        }
        final AuditReport report = JournalAudit.run(data);
        assertEquals(3, report.violations().size(), report.violations().toString());
        assertTrue(report.violations().get(0).contains("request id already has an order"));
        assertTrue(report.violations().get(1).contains("oversell"));
        assertTrue(report.violations().get(2).contains("ORDER_PAID 2: order is not RESERVED"));
        assertTrue(report.violations().get(0).startsWith("journal index 0x"));
    }
}
