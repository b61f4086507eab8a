package io.flashsale.gateway.ops;

import static io.flashsale.gateway.support.TestNode.buy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flashsale.client.HttpConnection;
import io.flashsale.client.Response;
import io.flashsale.gateway.server.GatewayServer;
import io.flashsale.gateway.support.TestNode;

class OpsEndpointsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    static void awaitSampledRequests(final GatewayServer server) throws InterruptedException
    {
        for (int samples = 0; samples < 30 &&
            server.sampler().latest().total(LatencyStage.HTTP_TOTAL).getTotalCount() == 0; samples++)
        {
            server.sampler().awaitNextSample(5_000);
        }
    }

    @Test
    void shouldExposePrometheusMetricsHistogramsAndDashboardData() throws Exception
    {
        try (GatewayServer server = TestNode.start(dataDir);
            HttpConnection client = new HttpConnection(server.port()))
        {
            for (int i = 0; i < 20; i++)
            {
                client.exchange("POST", "/v1/orders", buy(102, 100 + i, 1, "m" + i));
            }
            client.exchange("POST", "/v1/orders", buy(999, 1, 1, "unknown"));
            awaitSampledRequests(server);

            final Response metrics = client.exchange("GET", "/metrics", null);
            assertEquals(200, metrics.status());
            assertTrue(metrics.header("content-type").startsWith("text/plain; version=0.0.4"));
            final String text = metrics.body();
            assertTrue(text.contains("flashsale_http_responses_total{code=\"RESERVED\",status=\"201\"} 20"), text);
            assertTrue(text.contains("flashsale_http_responses_total{code=\"UNKNOWN_SKU\",status=\"404\"} 1"));
            assertTrue(text.contains("flashsale_latency_seconds{stage=\"http_total\",quantile=\"0.99\"}"));
            assertTrue(text.contains("flashsale_latency_seconds{stage=\"journal\",quantile=\"0.5\"}"));
            assertTrue(text.contains("flashsale_latency_interval_seconds{stage=\"business\",quantile=\"0.999\"}"));
            assertTrue(text.contains("flashsale_ring_capacity 1024"));
            assertTrue(text.contains("flashsale_journal_disk_bytes "));
            assertTrue(text.contains("flashsale_engine_journal_records_total "));
            assertTrue(text.contains("flashsale_engine_results_total{result=\"RESERVED\"} 20"));
            assertTrue(text.contains("flashsale_sku_available{sale=\"1\",sku=\"102\"} 980"), text);
            assertTrue(!text.contains("sku=\"201\""), "stock is reported for open sales only");
            for (final String line : text.split("\n"))
            {
                assertTrue(line.startsWith("# HELP ") || line.startsWith("# TYPE ") ||
                    line.matches("[a-z_]+(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*\\})? [-0-9.E]+"), line);
            }

            final Response histogram = client.exchange("GET", "/histogram", null);
            assertEquals(200, histogram.status());
            assertTrue(histogram.body().contains("# http_total latency, last interval"));
            assertTrue(histogram.body().contains("# journal latency, since start"));
            assertTrue(histogram.body().contains("Value     Percentile TotalCount 1/(1-Percentile)"));

            final JsonNode data = JSON.readTree(client.exchange("GET", "/dashboard/data", null).body());
            assertTrue(data.get("points").size() >= 1);
            assertTrue(data.get("curves").get("http_total").get("total").size() > 5);

            final Response page = client.exchange("GET", "/dashboard", null);
            assertEquals(200, page.status());
            assertTrue(page.header("content-type").startsWith("text/html"));
            assertTrue(page.body().contains("/dashboard/data"));
            assertTrue(!page.body().contains("http://") && !page.body().contains("https://"), "no CDN");
            assertEquals(405, client.exchange("POST", "/metrics", "{}").status());
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
        final File http = logs.stream().filter(p -> p.getFileName().toString().startsWith("latency-http_total"))
            .findFirst().orElseThrow().toFile();
        final HistogramLogReader reader = new HistogramLogReader(http);
        long count = 0;
        int intervals = 0;
        EncodableHistogram h;
        while ((h = reader.nextIntervalHistogram()) != null)
        {
            intervals++;
            count += ((org.HdrHistogram.Histogram)h).getTotalCount();
        }
        reader.close();
        assertTrue(intervals >= 1);
        assertTrue(count >= 3, "the admin definitions and the buy were recorded: " + count);
    }
}
