package io.flashsale.gateway.ops;

import static io.flashsale.gateway.support.TestNode.buy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flashsale.client.HttpConnection;
import io.flashsale.gateway.server.GatewayServer;
import io.flashsale.gateway.support.PrometheusTools;
import io.flashsale.gateway.support.TestNode;

/**
 * The ops files under {@code ops/} against the real thing: {@code promtool check metrics} on a live node's
 * {@code /metrics} (no warning allowed), {@code promtool check rules} on the alert rules, and a real Prometheus
 * (Debian's package, on loopback, scraping every second) scraping a node under a small steady load, through whose HTTP
 * API every Grafana panel query and every alert's signal (its expression without the final threshold comparison) must
 * return data, and every alert rule must evaluate without error.
 */
class PrometheusOpsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path OPS = Path.of("").toAbsolutePath().getParent().resolve("ops");
    private static final Path RULES = OPS.resolve("prometheus/flashsale-alerts.yml");
    private static final Path DASHBOARD = OPS.resolve("grafana/flashsale-dashboard.json");
    private static final Pattern THRESHOLD = Pattern.compile("(?s)(.*\\S)\\s*(>|<|>=|<=|==|!=)\\s*[-+0-9.eE]+");
    private static final long DEADLINE_SECONDS = 45;

    @TempDir
    Path dataDir;

    @TempDir
    Path promDir;

    @BeforeAll
    static void installPrometheus()
    {
        PrometheusTools.require();
    }

    @Test
    void shouldPassPromtoolCheckMetricsOnALiveNodeWithoutWarnings() throws Exception
    {
        try (GatewayServer server = TestNode.start(dataDir);
            HttpConnection client = new HttpConnection(server.port()))
        {
            for (int i = 0; i < 3; i++)
            {
                client.exchange("POST", "/v1/orders", buy(103, 10 + i, 1, "s" + i));
            }
            client.exchange("POST", "/v1/orders", buy(102, 20, 2, "t"));
            client.exchange("POST", "/v1/orders", buy(999, 21, 1, "w"), OpsEndpointsTest.WARMUP);
            OpsEndpointsTest.awaitSampledRequests(server);
            final String metrics = client.exchange("GET", "/metrics", null).body();
            final PrometheusTools.Result check = PrometheusTools.promtool(metrics, "check", "metrics");
            assertEquals(0, check.exitCode(), check.output());
            assertEquals("", check.output().trim(), "promtool warnings");
        }
    }

    @Test
    void shouldEvaluateEveryDashboardQueryAndAlertSignalAgainstARealPrometheus() throws Exception
    {
        final PrometheusTools.Result rules = PrometheusTools.promtool(null, "check", "rules", RULES.toString());
        assertEquals(0, rules.exitCode(), rules.output());
        assertTrue(rules.output().contains("SUCCESS: 8 rules found"), rules.output());

        final AtomicBoolean loading = new AtomicBoolean(true);
        final AtomicLong answered = new AtomicLong();
        try (GatewayServer server = TestNode.start(dataDir))
        {
            final Thread load = new Thread(() -> buyers(server.port(), loading, answered), "buyers");
            load.start();
            final int port = freePort();
            final Process prometheus = startPrometheus(server.port(), port);
            try
            {
                final HttpClient http = HttpClient.newHttpClient();
                final Map<String, String> queries = queries(http, port);
                assertTrue(queries.size() > 20, queries.toString());
                final List<String> empty = awaitData(http, port, queries);
                assertTrue(empty.isEmpty(), "no data within " + DEADLINE_SECONDS + " s for: " + empty +
                    "\nprometheus log:\n" + Files.readString(promDir.resolve("prometheus.log")));
                for (final JsonNode rule : alertRules(http, port))
                {
                    assertEquals("ok", rule.get("health").asText(), rule.toString());
                }
                assertTrue(answered.get() > 0);
            }
            finally
            {
                loading.set(false);
                load.join(10_000);
                prometheus.destroy();
                if (!prometheus.waitFor(20, TimeUnit.SECONDS))
                {
                    prometheus.destroyForcibly();
                }
            }
        }
    }

    /**
     * Buyers at a few hundred requests a second: the first three buy SKU 103 out, the rest buy SKU 102 one unit each
     * until it sells out too.
     */
    private static void buyers(final int port, final AtomicBoolean loading, final AtomicLong answered)
    {
        try (HttpConnection client = new HttpConnection(port))
        {
            long user = 1000;
            while (loading.get())
            {
                final long sku = user < 1003 ? 103 : 102;
                client.exchange("POST", "/v1/orders", buy(sku, user, 1, "p" + user));
                answered.incrementAndGet();
                user++;
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private Process startPrometheus(final int nodePort, final int port) throws IOException
    {
        final Path config = promDir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n" +
            "rule_files:\n  - " + RULES + "\n" +
            "scrape_configs:\n  - job_name: flashsale\n    static_configs:\n" +
            "      - targets: ['127.0.0.1:" + nodePort + "']\n");
        return new ProcessBuilder(PrometheusTools.PROMETHEUS.toString(), "--config.file=" + config,
            "--storage.tsdb.path=" + promDir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(promDir.resolve("prometheus.log").toFile())
            .start();
    }

    /**
     * @return every Grafana panel query and every alert rule's signal, each by a readable name.
     */
    private static Map<String, String> queries(final HttpClient http, final int port) throws Exception
    {
        final Map<String, String> queries = new LinkedHashMap<>();
        for (final JsonNode panel : JSON.readTree(DASHBOARD.toFile()).get("panels"))
        {
            for (final JsonNode target : panel.get("targets"))
            {
                queries.put("panel '" + panel.get("title").asText() + "' " + target.get("refId").asText(),
                    target.get("expr").asText());
            }
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        List<JsonNode> rules = alertRules(http, port);
        while (rules.size() < 8 && System.nanoTime() < deadline)
        {
            Thread.onSpinWait();
            rules = alertRules(http, port);
        }
        assertEquals(8, rules.size(), "alert rules loaded by Prometheus");
        for (final JsonNode rule : rules)
        {
            final Matcher m = THRESHOLD.matcher(rule.get("query").asText());
            assertTrue(m.matches(), "alert expression is not '<signal> <comparison> <threshold>': " + rule);
            queries.put("alert " + rule.get("name").asText(), m.group(1));
        }
        return queries;
    }

    /**
     * Poll until every query returns at least one series (or the deadline passes); also waits until every alert rule
     * has been evaluated.
     *
     * @return the names of the queries still without data.
     */
    private static List<String> awaitData(final HttpClient http, final int port, final Map<String, String> queries)
        throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        final List<String> empty = new ArrayList<>(queries.keySet());
        while (System.nanoTime() < deadline)
        {
            empty.removeIf(name -> hasData(http, port, queries.get(name)));
            final boolean evaluated = alertRules(http, port).stream()
                .noneMatch(rule -> "unknown".equals(rule.get("health").asText()));
            if (empty.isEmpty() && evaluated)
            {
                break;
            }
            awaitNextScrape(http, port);
        }
        return empty;
    }

    private static boolean hasData(final HttpClient http, final int port, final String query)
    {
        try
        {
            final JsonNode body = get(http, port, "/api/v1/query?query=" +
                urlEncode(query));
            assertEquals("success", body.get("status").asText(), query + ": " + body);
            return body.get("data").get("result").size() > 0;
        }
        catch (final IOException ex)
        {
            return false;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String urlEncode(final String text)
    {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /**
     * Block until Prometheus has scraped its target once more (one scrape interval), by asking for its last scrape.
     */
    private static void awaitNextScrape(final HttpClient http, final int port) throws Exception
    {
        final String before = lastScrape(http, port);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (before.equals(lastScrape(http, port)) && System.nanoTime() < deadline)
        {
            Thread.onSpinWait();
        }
    }

    private static String lastScrape(final HttpClient http, final int port) throws InterruptedException
    {
        try
        {
            final JsonNode targets = get(http, port, "/api/v1/targets").get("data").get("activeTargets");
            return targets.size() == 0 ? "" : targets.get(0).get("lastScrape").asText();
        }
        catch (final IOException ex)
        {
            return "";
        }
    }

    private static List<JsonNode> alertRules(final HttpClient http, final int port) throws InterruptedException
    {
        final List<JsonNode> rules = new ArrayList<>();
        try
        {
            for (final JsonNode group : get(http, port, "/api/v1/rules?type=alert").get("data").get("groups"))
            {
                group.get("rules").forEach(rules::add);
            }
        }
        catch (final IOException ex)
        {
            return rules;
        }
        return rules;
    }

    private static JsonNode get(final HttpClient http, final int port, final String path)
        throws IOException, InterruptedException
    {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
