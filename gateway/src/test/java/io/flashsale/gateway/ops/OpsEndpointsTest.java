package io.flashsale.gateway.ops;

import static io.flashsale.gateway.support.TestNode.buy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flashsale.client.HttpConnection;
import io.flashsale.client.Response;
import io.flashsale.gateway.config.SaleDefinition;
import io.flashsale.gateway.server.GatewayServer;
import io.flashsale.gateway.support.Exposition;
import io.flashsale.gateway.support.PausableSink;
import io.flashsale.gateway.support.TestNode;

class OpsEndpointsTest
{
    static final String WARMUP = TrafficClass.HEADER_NAME + ": warmup\r\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    /**
     * Wait until the sampler has taken a sample after every buyer response so far was written.
     */
    static void awaitSampledRequests(final GatewayServer server) throws InterruptedException
    {
        server.sampler().awaitNextSample(5_000);
        server.sampler().awaitNextSample(5_000);
    }

    @Test
    void shouldExposeBuyerTrafficHistogramsSaleFiguresAndJvmMetrics() throws Exception
    {
        try (GatewayServer server = TestNode.start(dataDir);
            HttpConnection client = new HttpConnection(server.port()))
        {
            for (int i = 0; i < 20; i++)
            {
                assertEquals(201, client.exchange("POST", "/v1/orders", buy(102, 100 + i, 1, "m" + i)).status());
            }
            assertEquals(404, client.exchange("POST", "/v1/orders", buy(999, 1, 1, "unknown")).status());
            for (int i = 0; i < 3; i++)
            {
                assertEquals(404, client.exchange("POST", "/v1/orders", buy(999, 2, 1, "w" + i), WARMUP).status());
            }
            assertEquals(200, client.exchange("GET", "/health", null).status());
            awaitSampledRequests(server);

            final Response metrics = client.exchange("GET", "/metrics", null);
            assertEquals(200, metrics.status());
            assertTrue(metrics.header("content-type").startsWith("text/plain; version=0.0.4"));
            final String text = metrics.body();
            assertEquals(20, Exposition.value(text, "flashsale_http_responses_total",
                "traffic", "buyer", "code", "RESERVED", "status", "201"));
            assertEquals(1, Exposition.value(text, "flashsale_http_responses_total",
                "traffic", "buyer", "code", "UNKNOWN_SKU"));
            assertEquals(3, Exposition.value(text, "flashsale_http_responses_total",
                "traffic", "synthetic", "code", "UNKNOWN_SKU"));
            assertEquals(1, Exposition.value(text, "flashsale_http_responses_total", "traffic", "ops", "code", "OK"));
            assertEquals(21, Exposition.value(text, "flashsale_latency_seconds_count", "stage", "http_total"),
                "the HTTP histogram holds buyers' requests only");
            assertEquals(21, Exposition.value(text, "flashsale_latency_seconds_bucket", "stage", "http_total",
                "le", "+Inf"));
            final List<Double> buckets = Exposition.values(text, "flashsale_latency_seconds_bucket",
                "stage", "journal");
            assertEquals(LatencyBuckets.BOUNDS_SECONDS.length, buckets.size());
            for (int i = 1; i < buckets.size(); i++)
            {
                assertTrue(buckets.get(i) >= buckets.get(i - 1), "cumulative buckets: " + buckets);
            }
            assertTrue(Exposition.value(text, "flashsale_latency_seconds_sum", "stage", "business") > 0);
            assertEquals(1024, Exposition.value(text, "flashsale_ring_capacity"));
            assertEquals(20 * 1999 / 100.0, Exposition.value(text, "flashsale_gmv", "state", "reserved",
                "currency", "CNY"), 1e-9);
            assertEquals(0, Exposition.value(text, "flashsale_gmv", "state", "paid"));
            assertEquals(20, Exposition.value(text, "flashsale_hot_sku_units", "sku", "102", "state", "held",
                "sku_name", "Toothbrush", "store_name", "Test Store"));
            assertEquals(980, Exposition.value(text, "flashsale_hot_sku_units", "sku", "102", "state", "available"));
            assertEquals(20, Exposition.value(text, "flashsale_stock_units", "state", "held"));
            assertEquals(0, Exposition.value(text, "flashsale_skus_negative_stock"));
            assertEquals(1, Exposition.value(text, "flashsale_engine_acknowledging"));
            assertEquals(20, Exposition.value(text, "flashsale_engine_results_total", "result", "RESERVED"));
            assertTrue(Exposition.value(text, "flashsale_journal_filesystem_free_bytes") > 0);
            assertEquals(1, Exposition.values(text, "flashsale_build_info").size());
            assertTrue(Exposition.value(text, "process_cpu_seconds_total") > 0);
            assertFalse(Exposition.values(text, "jvm_memory_used_bytes", "area", "heap").isEmpty());
            assertFalse(text.contains("quantile="), "no summaries with quantiles: " + text);
            assertEquals(405, client.exchange("POST", "/metrics", "{}").status());
        }
    }

    @Test
    void shouldKeepTheScrapeTheSameSizeWhateverTheNumberOfSkus() throws Exception
    {
        final int skuCount = 50_000;
        final long now = System.currentTimeMillis();
        final List<SaleDefinition.Sku> skus = new ArrayList<>(skuCount);
        for (int i = 0; i < skuCount; i++)
        {
            skus.add(new SaleDefinition.Sku(10_000 + i, 1, "sku " + i, 100, 10, 5));
        }
        final SaleDefinition big = new SaleDefinition(9, "big sale", now - 60_000, now + 3_600_000, 900_000,
            List.of(new SaleDefinition.Store(1, "Big Store")), skus);
        try (GatewayServer server = GatewayServer.start(TestNode.gatewayConfig().metricsTopSkus(5),
            TestNode.engineConfig(dataDir).expectedSkus(skuCount), big, s -> s);
            HttpConnection client = new HttpConnection(server.port()))
        {
            for (int i = 0; i < 40; i++)
            {
                assertEquals(201, client.exchange("POST", "/v1/orders", buy(10_000 + i * 1000, 1, 1 + i % 5, "b" + i))
                    .status());
            }
            awaitSampledRequests(server);
            final String text = client.exchange("GET", "/metrics", null).body();
            assertEquals(skuCount, Exposition.value(text, "flashsale_skus"));
            assertEquals(15, Exposition.values(text, "flashsale_hot_sku_units").size(), "top 5 SKUs x 3 states");
            assertEquals(5, Exposition.values(text, "flashsale_hot_sku_reserved_units_per_second").size());
            assertEquals(List.of(5.0, 5.0, 5.0, 5.0, 5.0), Exposition.values(text, "flashsale_hot_sku_units",
                "state", "held"), "SKUs bought 5 units at a time rank first");
            long reserved = 0;
            for (int i = 0; i < 40; i++)
            {
                reserved += 1 + i % 5;
            }
            assertEquals(reserved, Exposition.value(text, "flashsale_stock_units", "state", "held"));
            assertEquals(reserved * 100 / 100.0, Exposition.value(text, "flashsale_gmv", "state", "reserved"), 1e-9);
            assertTrue(text.length() < 48 * 1024, "scrape of " + text.length() + " bytes at " + skuCount + " SKUs");
        }
    }

    @Test
    void shouldServeOneStagePercentileDistributionThatPlotFilesLoads() throws Exception
    {
        try (GatewayServer server = TestNode.start(dataDir);
            HttpConnection client = new HttpConnection(server.port()))
        {
            for (int i = 0; i < 5; i++)
            {
                client.exchange("POST", "/v1/orders", buy(102, 300 + i, 1, "h" + i));
            }
            awaitSampledRequests(server);
            for (final String stage : new String[] {"http_total", "ring_wait", "business", "journal"})
            {
                final Response r = client.exchange("GET", "/histogram?stage=" + stage, null);
                assertEquals(200, r.status());
                final String[] lines = r.body().split("\n");
                assertTrue(lines[0].trim().startsWith("Value     Percentile TotalCount 1/(1-Percentile)"), lines[0]);
                assertTrue(r.body().contains("#[Mean    ="), r.body());
                assertTrue(r.body().contains("#[Max     ="), r.body());
            }
            final String http = client.exchange("GET", "/histogram?stage=http_total", null).body();
            assertTrue(http.contains("Total count    =            5]"), http);
            assertEquals(http, client.exchange("GET", "/histogram", null).body(), "http_total is the default");
            final Response bad = client.exchange("GET", "/histogram?stage=bogus", null);
            assertEquals(400, bad.status());
            assertTrue(bad.body().contains("http_total, ring_wait, business, journal"), bad.body());
        }
    }

    @Test
    void shouldServeBoardDataWithBuyersOnlyAndAnOfflinePage() throws Exception
    {
        try (GatewayServer server = TestNode.start(dataDir);
            HttpConnection client = new HttpConnection(server.port()))
        {
            for (int i = 0; i < 3; i++)
            {
                assertEquals(201, client.exchange("POST", "/v1/orders", buy(103, 400 + i, 1, "s" + i)).status());
            }
            assertEquals(409, client.exchange("POST", "/v1/orders", buy(103, 500, 1, "late")).status());
            client.exchange("POST", "/v1/orders", buy(999, 3, 1, "warm"), WARMUP);
            awaitSampledRequests(server);
            final JsonNode data = JSON.readTree(client.exchange("GET", "/dashboard/data", null).body());
            assertEquals("ACKNOWLEDGING", data.get("status").get("state").asText());
            assertEquals(3, data.get("totals").get("orders").asLong());
            assertEquals(4, data.get("totals").get("buyerResponses").asLong(), "warm-up and ops excluded");
            assertEquals(3 * 4999, data.get("totals").get("gmvReserved").asLong());
            assertEquals("CNY", data.get("currency").get("code").asText());
            assertEquals(1, data.get("soldOut").size());
            assertEquals("Razor", data.get("soldOut").get(0).get("name").asText());
            assertEquals("Test Store", data.get("soldOut").get(0).get("store").asText());
            assertEquals("Razor", data.get("hot").get(0).get("name").asText());
            assertTrue(data.get("points").size() >= 1);

            final Response page = client.exchange("GET", "/dashboard", null);
            assertEquals(200, page.status());
            assertTrue(page.header("content-type").startsWith("text/html"));
            assertTrue(page.body().contains("/dashboard/data"));
            assertTrue(page.body().contains("uPlot"), "uPlot inlined");
            assertFalse(page.body().matches("(?s).*(src|href)=\"(https?:)?//.*"), "nothing fetched from elsewhere");
        }
    }

    @Test
    void shouldTurnTheStatusRedWhileTheEngineStallsWithCommandsWaiting() throws Exception
    {
        final AtomicReference<PausableSink> sink = new AtomicReference<>();
        try (GatewayServer server = TestNode.start(dataDir, TestNode.gatewayConfig(), TestNode.engineConfig(dataDir),
            s ->
            {
                sink.set(new PausableSink(s));
                return sink.get();
            });
            HttpConnection buyer = new HttpConnection(server.port());
            HttpConnection ops = new HttpConnection(server.port()))
        {
            sink.get().pause();
            sink.get().awaitPaused();
            buyer.send(HttpConnection.request("POST", "/v1/orders", buy(102, 700, 1, "stalled"), ""));
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!"STALLED".equals(server.sampler().latest().status().state()) && System.nanoTime() < deadline)
            {
                server.sampler().awaitNextSample(5_000);
            }
            final JsonNode stalled = JSON.readTree(ops.exchange("GET", "/dashboard/data", null).body());
            assertEquals("STALLED", stalled.get("status").get("state").asText(), stalled.toString());
            assertFalse(stalled.get("status").get("acknowledging").asBoolean());
            assertTrue(stalled.get("status").get("reason").asText().contains("wait in the ring"));
            final String text = ops.exchange("GET", "/metrics", null).body();
            assertEquals(0, Exposition.value(text, "flashsale_engine_acknowledging"));
            assertTrue(Exposition.value(text, "flashsale_engine_stalled_seconds") >= 2, text);

            sink.get().resume();
            assertEquals(201, buyer.read().status());
            while (!server.sampler().latest().status().acknowledging() && System.nanoTime() < deadline)
            {
                server.sampler().awaitNextSample(5_000);
            }
            assertEquals("ACKNOWLEDGING", JSON.readTree(ops.exchange("GET", "/dashboard/data", null).body())
                .get("status").get("state").asText());
        }
    }

    @Test
    void shouldWriteReadableHlogIntervalLogsBesideTheJournal() throws Exception
    {
        try (GatewayServer server = TestNode.start(dataDir);
            HttpConnection client = new HttpConnection(server.port()))
        {
            client.exchange("POST", "/v1/orders", buy(102, 1, 1, "h"));
            awaitSampledRequests(server);
        }
        final List<Path> logs;
        try (Stream<Path> files = Files.list(dataDir))
        {
            logs = files.filter(p -> p.toString().endsWith(".hlog")).sorted().collect(Collectors.toList());
        }
        assertEquals(4, logs.size(), logs.toString());
        final File business = logs.stream().filter(p -> p.getFileName().toString().startsWith("latency-business"))
            .findFirst().orElseThrow().toFile();
        final HistogramLogReader reader = new HistogramLogReader(business);
        long count = 0;
        int intervals = 0;
        EncodableHistogram h;
        while ((h = reader.nextIntervalHistogram()) != null)
        {
            intervals++;
            count += ((Histogram)h).getTotalCount();
        }
        reader.close();
        assertTrue(intervals >= 1);
        assertTrue(count >= 3, "the admin definitions and the buy were recorded: " + count);
    }
}
