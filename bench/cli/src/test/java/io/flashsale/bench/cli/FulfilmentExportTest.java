package io.flashsale.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import io.flashsale.client.HttpConnection;
import io.flashsale.client.Response;
import io.flashsale.engine.audit.AuditReport;
import io.flashsale.engine.audit.JournalAudit;
import io.flashsale.engine.command.OrderState;
import io.flashsale.engine.pipeline.EngineConfig;
import io.flashsale.gateway.config.GatewayConfig;
import io.flashsale.gateway.config.SaleParser;
import io.flashsale.gateway.server.GatewayServer;

/**
 * Plays the fulfilment system: a {@code flashsale export --follow --format csv} process tails a node while buyers
 * buy, pay, cancel and let orders expire; the consumer reads the CSV as it comes, and at the end reconciles paid units
 * and amounts per SKU with the audit of the same journal, and the orders it saw paid with those the buyers paid.
 */
class FulfilmentExportTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SALE = 77;
    private static final Map<Long, Long> PRICES = Map.of(101L, 19_990L, 102L, 4_550L, 103L, 129_900L);
    private static final Map<Long, String> SKU_NAMES = Map.of(101L, "Down jacket, red", 102L, "Socks \"3-pack\"",
        103L, "Espresso machine");
    private static final Map<Long, Long> STORES = Map.of(101L, 1L, 102L, 1L, 103L, 2L);
    private static final Map<Long, String> STORE_NAMES = Map.of(1L, "Outdoor, Inc. Flagship", 2L, "Kitchen Store");
    private static final int BUYER_THREADS = 3;
    private static final int BUYS_PER_THREAD = 200;
    private static final long DEADLINE_MILLIS = 20_000;

    @TempDir
    Path work;

    private final List<Map<String, String>> rows = new CopyOnWriteArrayList<>();
    private final Set<Long> paidByBuyers = ConcurrentHashMap.newKeySet();

    private Path saleFile() throws IOException
    {
        final StringBuilder skus = new StringBuilder();
        for (final long sku : List.of(101L, 102L, 103L))
        {
            skus.append(skus.length() == 0 ? "" : ",").append("{\"id\":").append(sku).append(",\"store\":")
                .append(STORES.get(sku)).append(",\"name\":").append(JSON.writeValueAsString(SKU_NAMES.get(sku)))
                .append(",\"price\":").append(PRICES.get(sku)).append(",\"stock\":120,\"limit\":2}");
        }
        return Files.writeString(work.resolve("sale.json"), "{\"id\":" + SALE + ",\"name\":\"Fulfilment sale\"," +
            "\"opensAt\":\"now\",\"closesAt\":\"PT1H\",\"paymentWindowSeconds\":1,\"stores\":[" +
            "{\"id\":1,\"name\":" + JSON.writeValueAsString(STORE_NAMES.get(1L)) + "},{\"id\":2,\"name\":" +
            JSON.writeValueAsString(STORE_NAMES.get(2L)) + "}],\"skus\":[" + skus + "]}", StandardCharsets.UTF_8);
    }

    private static void await(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        await(what, condition, () -> "");
    }

    private static void await(final String what, final BooleanSupplier condition, final Supplier<String> state)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MILLIS);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() >= deadline)
            {
                fail("timed out waiting for " + what + " " + state.get());
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static String readQuietly(final Path file)
    {
        try
        {
            return Files.readString(file);
        }
        catch (final IOException ex)
        {
            return ex.toString();
        }
    }

    private Process startExport(final Path data) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle"))
            {
                command.add(arg);
            }
        }
        command.addAll(List.of("-Xmx256m", "-cp", System.getProperty("java.class.path"), Flashsale.class.getName(),
            "export", data.toString(), "--follow", "--format", "csv", "--poll-ms", "20", "--currency", "CNY"));
        return new ProcessBuilder(command).redirectError(work.resolve("export-stderr.txt").toFile()).start();
    }

    /**
     * Reads the CSV a line at a time as it arrives (a streaming parser may wait for the next line's first byte before
     * it hands over a row: a consumer of a live feed must not).
     */
    private Thread consume(final InputStream csv)
    {
        final Thread consumer = new Thread(() ->
        {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8)))
            {
                final CsvSchema.Builder header = CsvSchema.builder();
                List.of(lines.readLine().split(",")).forEach(header::addColumn);
                final ObjectReader reader = new CsvMapper().readerFor(Map.class).with(header.build());
                String line;
                while ((line = lines.readLine()) != null)
                {
                    rows.add(reader.readValue(line));
                }
            }
            catch (final IOException | RuntimeException ex)
            {
                // the export process was stopped: the rows read so far are what the test checks
            }
        }, "fulfilment-consumer");
        consumer.setDaemon(true);
        consumer.start();
        return consumer;
    }

    private void buyer(final int port, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final List<Long> skus = List.of(101L, 102L, 103L);
        try (HttpConnection client = new HttpConnection(port))
        {
            for (int i = 0; i < BUYS_PER_THREAD; i++)
            {
                final long user = 1 + random.nextInt(2_000);
                final long sku = skus.get(random.nextInt(skus.size()));
                final Response buy = client.exchange("POST", "/v1/orders", "{\"sku\":" + sku + ",\"user\":" + user +
                    ",\"qty\":" + (1 + random.nextInt(2)) + ",\"requestId\":\"f-" + seed + "-" + i + "\"}");
                if (buy.status() != 201)
                {
                    continue;
                }
                final long order = JSON.readTree(buy.body()).get("orderId").asLong();
                final double fate = random.nextDouble();
                if (fate < 0.6)
                {
                    if (client.exchange("POST", "/v1/orders/" + order + "/pay", "{\"user\":" + user + "}")
                        .status() == 200)
                    {
                        paidByBuyers.add(order);
                    }
                }
                else if (fate < 0.75)
                {
                    client.exchange("POST", "/v1/orders/" + order + "/cancel", "{\"user\":" + user + "}");
                }
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void shouldReconcilePaidUnitsAndAmountsPerSkuFromAFollowedExportWithTheAudit() throws Exception
    {
        final Path data = work.resolve("data");
        final GatewayServer node = GatewayServer.start(new GatewayConfig().port(0),
            new EngineConfig().dataDirectory(data), SaleParser.read(saleFile(), System.currentTimeMillis()),
            UnaryOperator.identity());
        final Process export;
        final AuditReport audit;
        try
        {
            export = startExport(data);
            consume(export.getInputStream());
            final List<Thread> buyers = new ArrayList<>();
            for (int t = 0; t < BUYER_THREADS; t++)
            {
                final long seed = 11 + t;
                final Thread buyer = new Thread(() -> buyer(node.port(), seed), "buyer-" + t);
                buyer.start();
                buyers.add(buyer);
            }
            for (final Thread buyer : buyers)
            {
                buyer.join(DEADLINE_MILLIS);
                assertFalse(buyer.isAlive(), "buyer did not finish");
            }
            await("every unpaid order to expire", () ->
                JournalAudit.run(data).ordersByState()[OrderState.RESERVED.ordinal()] == 0);
        }
        finally
        {
            node.close();
        }
        audit = JournalAudit.run(data);
        final long[] byState = audit.ordersByState();
        final long orders = byState[OrderState.PAID.ordinal()] + byState[OrderState.CANCELLED.ordinal()] +
            byState[OrderState.EXPIRED.ordinal()];
        try
        {
            await("the export to catch up (" + 2 * orders + " rows)", () -> rows.size() >= 2 * orders,
                () -> rows.size() + " rows read; export alive " + export.isAlive() + ", its stderr: " +
                    readQuietly(work.resolve("export-stderr.txt")));
        }
        finally
        {
            export.destroy();
            export.waitFor(10, TimeUnit.SECONDS);
        }
        assertTrue(audit.clean(), audit.violations().toString());
        assertEquals(2 * orders, rows.size(), "one RESERVED row and one final row per order");
        assertTrue(byState[OrderState.PAID.ordinal()] > 0 && byState[OrderState.CANCELLED.ordinal()] > 0 &&
            byState[OrderState.EXPIRED.ordinal()] > 0, "paid, cancelled and expired orders: " + List.of(byState));

        final Map<Long, long[]> paid = new HashMap<>();
        final Set<Long> positions = new HashSet<>();
        final Set<Long> paidInExport = new HashSet<>();
        for (final Map<String, String> row : rows)
        {
            assertTrue(positions.add(Long.parseLong(row.get("position"))), "unique position: " + row);
            final long sku = Long.parseLong(row.get("skuId"));
            final long quantity = Long.parseLong(row.get("quantity"));
            final long unitPrice = Long.parseLong(row.get("unitPrice"));
            assertEquals(SALE, Long.parseLong(row.get("saleId")), row.toString());
            assertTrue(Long.parseLong(row.get("userId")) > 0 && quantity > 0, row.toString());
            assertEquals(PRICES.get(sku), unitPrice, row.toString());
            assertEquals(quantity * unitPrice, Long.parseLong(row.get("amount")), row.toString());
            assertEquals("CNY", row.get("currency"));
            assertEquals(SKU_NAMES.get(sku), row.get("skuName"));
            assertEquals(STORES.get(sku), Long.parseLong(row.get("storeId")));
            assertEquals(STORE_NAMES.get(STORES.get(sku)), row.get("storeName"));
            assertEquals(Instant.parse(row.get("stateTime")).toEpochMilli(), Long.parseLong(row.get("stateTimeMs")));
            assertEquals(Instant.parse(row.get("orderTime")).toEpochMilli(), Long.parseLong(row.get("orderTimeMs")));
            assertTrue(Long.parseLong(row.get("stateTimeMs")) >= Long.parseLong(row.get("orderTimeMs")),
                row.toString());
            if (row.get("state").equals("PAID"))
            {
                paidInExport.add(Long.parseLong(row.get("orderId")));
                final long[] units = paid.computeIfAbsent(sku, s -> new long[2]);
                units[0] += quantity;
                units[1] += quantity * unitPrice;
            }
        }
        assertEquals(paidByBuyers, paidInExport, "the orders the buyers paid are the ones fulfilment ships");
        for (final AuditReport.SkuUnits sku : audit.skus())
        {
            final long[] units = paid.getOrDefault(sku.skuId(), new long[2]);
            assertEquals(sku.sold(), units[0], "paid units of SKU " + sku.skuId());
            assertEquals(sku.sold() * PRICES.get(sku.skuId()), units[1], "paid amount of SKU " + sku.skuId());
            assertEquals(0, sku.held(), "nothing left RESERVED");
        }
    }
}
