package io.flashsale.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.journal.DataDirectoryLayout;
import io.flashsale.engine.journal.Journal;
import io.flashsale.engine.journal.JournalWriter;
import io.flashsale.engine.journal.SyncPolicy;
import io.flashsale.engine.pipeline.Engine;
import io.flashsale.engine.pipeline.EngineConfig;

class AuditAndExportCommandTest
{
    @TempDir
    Path data;

    private void runSmallSale() throws InterruptedException
    {
        final LinkedBlockingQueue<ResultCode> results = new LinkedBlockingQueue<>();
        final long now = System.currentTimeMillis();
        try (Engine engine = Engine.start(new EngineConfig().dataDirectory(data).tickIntervalMillis(0),
            r -> results.add(r.result())))
        {
            assertTrue(engine.publisher().defineSale(null, 0, 1, now - 1000, now + 3_600_000, 60_000));
            assertTrue(engine.publisher().addSku(null, 0, 1, 10, 3, 250, 2, 1, 10));
            assertTrue(engine.publisher().buy(null, 0, 100, 10, 1, "first,\"quoted\""));
            assertTrue(engine.publisher().buy(null, 0, 101, 10, 1, "second"));
            assertTrue(engine.publisher().buy(null, 0, 102, 10, 1, "third"));
            assertTrue(engine.publisher().pay(null, 0, 1, 100));
            assertTrue(engine.publisher().cancel(null, 0, 2, 101));
            for (final ResultCode expected : List.of(ResultCode.OK, ResultCode.OK, ResultCode.RESERVED,
                ResultCode.RESERVED, ResultCode.SOLD_OUT, ResultCode.PAID, ResultCode.CANCELLED))
            {
                assertEquals(expected, results.poll(10, TimeUnit.SECONDS));
            }
        }
    }

    private static int run(final PrintStream out, final String... args)
    {
        final PrintStream saved = System.out;
        System.setOut(out);
        try
        {
            return Flashsale.commandLine().execute(args);
        }
        finally
        {
            System.setOut(saved);
        }
    }

    @Test
    void shouldExportSelfContainedOrderRowsAsJsonLinesAndCsv() throws Exception
    {
        runSmallSale();
        final Path jsonl = data.resolve("orders.jsonl");
        assertEquals(0, run(System.out, "export", data.toString(), "-o", jsonl.toString(), "--currency", "eur"));
        final List<String> lines = Files.readAllLines(jsonl);
        assertEquals(4, lines.size(), lines.toString());
        final ObjectMapper mapper = new ObjectMapper();
        final JsonNode reserved = mapper.readTree(lines.get(0));
        assertEquals("RESERVED", reserved.get("state").asText());
        assertEquals(1, reserved.get("orderId").asLong());
        assertEquals(100, reserved.get("userId").asLong());
        assertEquals(250, reserved.get("unitPrice").asLong());
        assertEquals("first,\"quoted\"", reserved.get("requestId").asText());
        final JsonNode paid = mapper.readTree(lines.get(2));
        assertEquals("PAID", paid.get("state").asText());
        for (final String field : List.of("orderId", "saleId", "storeId", "skuId", "userId", "quantity",
            "unitPrice", "amount", "orderTimeMs", "paymentDeadlineMs", "requestId", "orderTime"))
        {
            assertEquals(reserved.get(field), paid.get(field), field + " carried from the RESERVED record");
        }
        assertEquals(1, paid.get("saleId").asLong());
        assertEquals(10, paid.get("skuId").asLong());
        assertEquals(3, paid.get("storeId").asLong());
        assertEquals(250, paid.get("amount").asLong());
        assertEquals("EUR", paid.get("currency").asText());
        assertEquals(paid.get("stateTimeMs").asLong(),
            java.time.Instant.parse(paid.get("stateTime").asText()).toEpochMilli());
        final JsonNode cancelled = mapper.readTree(lines.get(3));
        assertEquals("CANCELLED", cancelled.get("state").asText());
        assertEquals(101, cancelled.get("userId").asLong());
        final Set<Long> positions = new HashSet<>();
        for (final String line : lines)
        {
            assertTrue(positions.add(mapper.readTree(line).get("position").asLong()), "unique position: " + line);
        }

        final Path csv = data.resolve("orders.csv");
        assertEquals(0, run(System.out, "export", data.toString(), "--format", "Csv", "-o", csv.toString()));
        final List<String> rows = Files.readAllLines(csv);
        assertEquals(5, rows.size());
        assertEquals(String.join(",", ExportCommand.COLUMNS), rows.get(0));
        assertTrue(rows.get(1).contains(",RESERVED,") && rows.get(1).contains(",\"first,\"\"quoted\"\"\","),
            rows.get(1));
        assertTrue(rows.get(3).contains(",PAID,") && rows.get(3).contains(",CNY,"), rows.get(3));
    }

    @Test
    void shouldPassCleanJournalAndFailOnOversoldOne() throws Exception
    {
        runSmallSale();
        final ByteArrayOutputStream clean = new ByteArrayOutputStream();
        assertEquals(0, run(new PrintStream(clean, true, StandardCharsets.UTF_8), "audit", data.toString()));
        final String report = clean.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("orders: 0 RESERVED, 1 PAID, 1 CANCELLED, 0 EXPIRED"), report);
        assertTrue(report.contains("audit: OK"), report);

        try (Journal journal = new Journal(DataDirectoryLayout.journal(data), SyncPolicy.NONE, false))
        {
            final JournalWriter writer = journal.newWriter();
            final byte[] id = "forged".getBytes(StandardCharsets.US_ASCII);
            final byte[] id2 = "forged-2".getBytes(StandardCharsets.US_ASCII);
            final long now = System.currentTimeMillis();
            writer.onOrderReserved(now, 3, 103, 10, 1, 250, now + 60_000, id, id.length);
            writer.onOrderReserved(now, 4, 104, 10, 1, 250, now + 60_000, id2, id2.length);
            writer.close();
        }
        final ByteArrayOutputStream dirty = new ByteArrayOutputStream();
        assertEquals(1, run(new PrintStream(dirty, true, StandardCharsets.UTF_8), "audit", data.toString()));
        final String failed = dirty.toString(StandardCharsets.UTF_8);
        assertTrue(failed.contains("VIOLATION") && failed.contains("ORDER_RESERVED 4") &&
            failed.contains("oversell"), failed);
    }
}
