package io.flashsale.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aeron.cluster.service.Cluster;
import io.flashsale.client.HttpConnection;
import io.flashsale.client.Response;
import io.flashsale.cluster.MemberHost;
import io.flashsale.cluster.ShardOrderIds;
import io.flashsale.cluster.ShardRouter;
import io.flashsale.cluster.config.ClusterConfig;
import io.flashsale.gateway.config.SaleDefinition;
import io.flashsale.gateway.support.Exposition;
import io.flashsale.gateway.support.PipelinedBuys;
import io.flashsale.gateway.support.PrometheusTools;
import io.flashsale.gateway.support.TestNode;
import io.flashsale.gateway.support.ThreadAllocation;
import io.flashsale.testsupport.Chromium;

/**
 * Cluster mode end to end in one JVM: three member hosts (each one member of both shards) on loopback and a cluster
 * gateway in front, driven over real HTTP. Asserts routing by the sale's shard map and by the shard in order ids,
 * resend-safe pay, the answers after a leader is lost under pipelined load, and 503 UNAVAILABLE (never a hang) when a
 * shard loses its majority.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
final class ClusterGatewayTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PORT_BASE = 41_000;
    private static final long SKU_ON_0 = 101;
    private static final long SKU_ON_1 = 102;
    private static final long SKU_105_ON_0 = 105;

    @TempDir
    Path temp;

    private ClusterConfig config;
    private final MemberHost[] hosts = new MemberHost[3];
    private ClusterGatewayServer gateway;
    private HttpConnection http;

    @BeforeEach
    void start() throws Exception
    {
        final List<ClusterConfig.Member> members = new ArrayList<>();
        for (int m = 0; m < 3; m++)
        {
            members.add(new ClusterConfig.Member(m, "127.0.0.1", PORT_BASE + m));
        }
        config = new ClusterConfig(members,
            List.of(new ClusterConfig.Shard(0, PORT_BASE + 100), new ClusterConfig.Shard(1, PORT_BASE + 200)),
            "127.0.0.1", 0, null, 1_500, 100, 0);
        for (int m = 0; m < 3; m++)
        {
            hosts[m] = MemberHost.launch(config, m, temp.resolve("member-" + m));
        }
        final long now = System.currentTimeMillis();
        final SaleDefinition open = TestNode.openSale(now);
        final List<SaleDefinition.Sku> skus = new ArrayList<>(open.skus());
        skus.add(new SaleDefinition.Sku(SKU_105_ON_0, 7, "Comb", 999, 100, 5));
        final SaleDefinition sale = new SaleDefinition(open.id(), open.name(), open.opensAt(), open.closesAt(),
            open.paymentWindowMillis(), open.stores(), skus,
            new SaleDefinition.ShardPlan(7, 2, Map.of(SKU_ON_0, 0, SKU_ON_1, 1, 103L, 0, SKU_105_ON_0, 0)));
        gateway = ClusterGatewayServer.start(TestNode.gatewayConfig(), config, sale, new ShardRouter.Settings(
            1024, 1024, 500, 4_000, "127.0.0.1",
            new File(temp.toFile(), "gateway-aeron").getPath()));
        http = new HttpConnection(gateway.port());
    }

    @AfterEach
    void stop()
    {
        if (http != null)
        {
            http.close();
        }
        if (gateway != null)
        {
            gateway.close();
        }
        for (final MemberHost host : hosts)
        {
            if (host != null)
            {
                host.close();
            }
        }
    }

    @Test
    void shouldRouteBySkuMapAndByTheShardInTheOrderId() throws Exception
    {
        final JsonNode a = json(buy(http, 1, SKU_ON_0, "r-a"), 201);
        final JsonNode b = json(buy(http, 1, SKU_ON_1, "r-b"), 201);
        assertEquals(0, ShardOrderIds.shard(a.get("orderId").asLong()));
        assertEquals(1, ShardOrderIds.shard(b.get("orderId").asLong()));
        assertEquals(1, ShardOrderIds.local(b.get("orderId").asLong()), "each shard numbers its own orders");

        final long orderB = b.get("orderId").asLong();
        final JsonNode found = json(http.exchange("GET", "/v1/orders/" + orderB, null), 200);
        assertEquals(SKU_ON_1, found.get("sku").asLong());
        assertEquals(1, found.get("user").asLong());

        final String payBody = "{\"user\":1}";
        final JsonNode paid = json(http.exchange("POST", "/v1/orders/" + orderB + "/pay", payBody), 200);
        assertEquals("PAID", paid.get("status").asText());
        final JsonNode again = json(http.exchange("POST", "/v1/orders/" + orderB + "/pay", payBody), 200);
        assertEquals(orderB, again.get("orderId").asLong(), "a repeated pay answers the paid order");

        final JsonNode repeat = json(buy(http, 1, SKU_ON_1, "r-b"), 200);
        assertEquals(orderB, repeat.get("orderId").asLong(), "a repeated buy answers its first order");

        final JsonNode sku = json(http.exchange("GET", "/v1/skus/" + SKU_ON_1, null), 200);
        assertEquals(1, sku.get("sold").asLong());

        assertEquals(404, http.exchange("GET", "/v1/orders/" + ((3L << ShardOrderIds.LOCAL_BITS) | 1), null)
            .status(), "an id of a shard the cluster lacks is no order");

        final JsonNode cluster = json(http.exchange("GET", "/cluster", null), 200);
        assertEquals(7, cluster.get("shardMapVersion").asLong());
        assertEquals(2, cluster.get("shards").size());
        for (final JsonNode shard : cluster.get("shards"))
        {
            assertTrue(shard.get("connected").asBoolean());
            assertTrue(shard.get("leader").asInt() >= 0);
        }
        assertEquals("UP", json(http.exchange("GET", "/health", null), 200).get("status").asText());
    }

    @Test
    void shouldExposeMetricsThatPromtoolAcceptsItsBuyersLatencyAndAnHonestBoard() throws Exception
    {
        PrometheusTools.require();
        json(buy(http, 1, SKU_ON_0, "m-a"), 201);
        json(buy(http, 2, SKU_ON_1, "m-b"), 201);
        gateway.sampler().awaitNextSample(5_000);
        gateway.sampler().awaitNextSample(5_000);
        final Response metrics = http.exchange("GET", "/metrics", null);
        assertEquals(200, metrics.status());
        final String text = metrics.body();
        assertEquals(2, Exposition.value(text, "flashsale_http_responses_total", "traffic", "buyer", "code",
            "RESERVED"));
        assertEquals(2, Exposition.value(text, "flashsale_latency_seconds_count", "stage", "http_total"));
        assertEquals(2, Exposition.values(text, "flashsale_shard_connected").size());
        assertTrue(Exposition.value(text, "process_cpu_seconds_total") > 0);
        final PrometheusTools.Result check = PrometheusTools.promtool(text, "check", "metrics");
        assertEquals(0, check.exitCode(), check.output());
        assertEquals("", check.output().trim(), "promtool warnings");
        final Response histogram = http.exchange("GET", "/histogram?stage=http_total", null);
        assertEquals(200, histogram.status());
        assertTrue(histogram.body().contains("Total count    =            2]"), histogram.body());
        assertEquals(400, http.exchange("GET", "/histogram?stage=journal", null).status());

        final JsonNode board = json(http.exchange("GET", "/dashboard/data", null), 200);
        assertEquals("cluster-gateway", board.get("scope").asText());
        assertEquals("UP", board.get("status").get("state").asText());
        assertEquals(2, board.get("totals").get("orders").asLong());
        assertFalse(board.get("totals").has("gmvReserved"), "GMV is on the members, not claimed here");
        assertTrue(board.get("points").size() >= 1);
        Chromium.require();
        final String dom = Chromium.dumpDom("http://127.0.0.1:" + gateway.port() + "/dashboard",
            Files.createDirectories(temp.resolve("chromium")));
        assertTrue(dom.contains(">UP<"), dom);
        assertTrue(dom.contains("id=\"orders\" data-value=\"2\""), dom);
        assertTrue(dom.contains("id=\"gmvReserved\" data-value=\"\">n/a<"), dom);
        assertTrue(dom.contains("stock lives on the members"), dom);
    }

    @Test
    void shouldDefineASaleOverHttpAcrossTheShards() throws Exception
    {
        final long now = System.currentTimeMillis();
        final String sale = "{\"id\":2,\"name\":\"posted\",\"opensAt\":" + (now - 60_000) + ",\"closesAt\":" +
            (now + 3_600_000) + ",\"paymentWindowSeconds\":600,\"stores\":[{\"id\":8,\"name\":\"Eight\"}]," +
            "\"skus\":[{\"id\":201,\"store\":8,\"name\":\"odd\",\"price\":10,\"stock\":3,\"limit\":1}," +
            "{\"id\":202,\"store\":8,\"name\":\"even\",\"price\":20,\"stock\":3,\"limit\":1}]}";
        final String auth = "Authorization: Bearer " + TestNode.TOKEN + "\r\n";
        final Response defined = http.exchange("POST", "/admin/sales", sale, auth);
        assertEquals(201, defined.status(), defined.body());
        // SKUs the file's map does not name go to skuId mod 2
        assertEquals(1, ShardOrderIds.shard(json(buy(http, 30, 201, "p-201"), 201).get("orderId").asLong()));
        assertEquals(0, ShardOrderIds.shard(json(buy(http, 30, 202, "p-202"), 201).get("orderId").asLong()));
        assertEquals(201, http.exchange("POST", "/admin/sales", sale, auth).status(), "the same definition again");
        final Response changed = http.exchange("POST", "/admin/sales", sale.replace("\"paymentWindowSeconds\":600",
            "\"paymentWindowSeconds\":601"), auth);
        assertEquals(409, changed.status(), "a different definition on every shard: " + changed.body());
    }

    @Test
    void shouldNotAllocatePerCommandOnTheRouterOrTheShardServiceThreads() throws Exception
    {
        final List<Thread> hot = ThreadAllocation.named(
            name -> "flashsale-router".equals(name) || name.startsWith("clustered-service-1"));
        assertEquals(4, hot.size(), "the router and shard 1's three service threads: " + hot);
        // warm-up: the JIT, the reply slot pools, the shards' state
        PipelinedBuys.send(gateway.port(), SKU_ON_1, 10_000, 4_000);
        final int commands = 10_000;
        final long[] allocated =
            ThreadAllocation.during(hot, () -> PipelinedBuys.send(gateway.port(), SKU_ON_1, 14_000, commands));
        for (int i = 0; i < hot.size(); i++)
        {
            System.out.println(hot.get(i).getName() + ": " + allocated[i] + " bytes allocated over " + commands +
                " buys");
            // any object per command is at least 16 bytes: under 4 bytes a command on average means none per command
            assertTrue(allocated[i] < 4L * commands, hot.get(i).getName() + " allocated " + allocated[i] +
                " bytes for " + commands + " buys (" + (double)allocated[i] / commands + " per buy)");
        }
    }

    @Test
    void shouldAnswerEveryPipelinedBuyOnceAcrossTheLossOfALeader() throws Exception
    {
        final int connections = 6;
        final int perConnection = 50;
        final int leader = leaderOf(0);
        final Map<String, Long> acknowledged = new HashMap<>();
        final List<HttpConnection> pipes = new ArrayList<>();
        try
        {
            for (int c = 0; c < connections; c++)
            {
                final HttpConnection pipe = new HttpConnection(gateway.port(), 30_000);
                pipes.add(pipe);
                for (int i = 0; i < perConnection; i++)
                {
                    final int key = c * perConnection + i;
                    pipe.write(HttpConnection.request("POST", "/v1/orders", "{\"user\":" + (1000 + key) +
                        ",\"sku\":" + SKU_ON_0 + ",\"qty\":1,\"requestId\":\"k-" + key + "\"}"));
                }
                pipe.flush();
                if (c == connections / 3)
                {
                    hosts[leader].close(); // the leader of shard 0 is lost with buys in flight
                    hosts[leader] = null;
                }
            }
            for (int c = 0; c < connections; c++)
            {
                for (int i = 0; i < perConnection; i++)
                {
                    final Response response = pipes.get(c).read();
                    if (response.status() == 201 || response.status() == 200)
                    {
                        acknowledged.put("k-" + (c * perConnection + i),
                            JSON.readTree(response.body()).get("orderId").asLong());
                    }
                    else
                    {
                        assertTrue(response.status() == 409 || response.status() == 503,
                            "sold out or unavailable, got " + response.status() + " " + response.body());
                    }
                }
            }
        }
        finally
        {
            pipes.forEach(HttpConnection::close);
        }
        // stock of SKU 101 is 2: at most two buyers hold it, however the leader change fell
        assertTrue(acknowledged.size() <= 2, "oversold: " + acknowledged);
        final Set<Long> orders = new HashSet<>(acknowledged.values());
        assertEquals(acknowledged.size(), orders.size(), "two request ids share an order");
        // every acknowledged order is on both surviving members, and resending answers the same order
        for (final Map.Entry<String, Long> entry : acknowledged.entrySet())
        {
            final int buyer = 1000 + Integer.parseInt(entry.getKey().substring(2));
            final JsonNode repeat = json(buy(http, buyer, SKU_ON_0, entry.getKey()), 200);
            assertEquals(entry.getValue(), repeat.get("orderId").asLong());
        }
        final int newLeader = leaderOf(0);
        assertFalse(newLeader == leader, "shard 0 elected a new leader");
        for (final MemberHost host : hosts)
        {
            if (host != null)
            {
                Await.until(() -> host.service(0).appliedPosition() >=
                    hosts[newLeader].service(0).appliedPosition());
            }
        }
    }

    @Test
    void shouldAnswerUnavailableWhenAShardHasNoMajority() throws Exception
    {
        json(buy(http, 1, SKU_ON_0, "before"), 201);
        final int leader = leaderOf(0);
        final int follower = (leader + 1) % 3;
        hosts[leader].close();
        hosts[leader] = null;
        hosts[follower].close();
        hosts[follower] = null;
        final Response response = buy(http, 2, SKU_ON_0, "during");
        assertEquals(503, response.status(), response.body());
        assertEquals("UNAVAILABLE", JSON.readTree(response.body()).get("code").asText());
        assertNotNull(response.header("retry-after"));
    }

    @Test
    void shouldServeReachableShardsWhenOneIsUnreachableAndFailSafeOnAStaleMap() throws Exception
    {
        // a second gateway whose cluster file names a third shard nobody runs, and no sale: it routes by skuId mod 3
        final ClusterConfig threeShards = new ClusterConfig(config.members(), List.of(config.shards().get(0),
            config.shards().get(1), new ClusterConfig.Shard(2, PORT_BASE + 300)), "127.0.0.1", 0, null, 1_500, 100, 0);
        try (ClusterGatewayServer second = ClusterGatewayServer.start(TestNode.gatewayConfig(), threeShards, null,
            new ShardRouter.Settings(1024, 1024, 500, 2_000, "127.0.0.1",
                new File(temp.toFile(), "second-aeron").getPath()));
            HttpConnection client = new HttpConnection(second.port()))
        {
            assertEquals(0, SKU_105_ON_0 % 3);
            json(buy(client, 5, SKU_105_ON_0, "reachable"), 201);

            assertEquals(2, SKU_ON_0 % 3);
            final Response unreachable = buy(client, 5, SKU_ON_0, "unreachable");
            assertEquals(503, unreachable.status(), unreachable.body());
            assertEquals("UNAVAILABLE", JSON.readTree(unreachable.body()).get("code").asText());
            assertNotNull(unreachable.header("retry-after"));

            assertEquals(0, SKU_ON_1 % 3);
            final Response stale = buy(client, 5, SKU_ON_1, "stale");
            assertEquals(404, stale.status(), "shard 0 does not hold SKU 102: " + stale.body());
            assertEquals("UNKNOWN_SKU", JSON.readTree(stale.body()).get("code").asText());

            final JsonNode health = json(client.exchange("GET", "/health", null), 200);
            assertEquals("DEGRADED", health.get("status").asText());
            assertEquals(2, health.get("shardsWithoutLeader").get(0).asInt());
        }
        json(buy(http, 6, SKU_105_ON_0, "first-gateway"), 201);
    }

    private int leaderOf(final int shard)
    {
        final int[] leader = {-1};
        Await.until(() ->
        {
            for (int m = 0; m < hosts.length; m++)
            {
                if (hosts[m] != null && hosts[m].role(shard) == Cluster.Role.LEADER)
                {
                    leader[0] = m;
                    return true;
                }
            }
            return false;
        });
        return leader[0];
    }

    private static Response buy(final HttpConnection http, final long user, final long sku, final String requestId)
        throws Exception
    {
        return http.exchange("POST", "/v1/orders",
            "{\"user\":" + user + ",\"sku\":" + sku + ",\"qty\":1,\"requestId\":\"" + requestId + "\"}");
    }

    private static JsonNode json(final Response response, final int status) throws Exception
    {
        assertEquals(status, response.status(), response.body());
        return JSON.readTree(response.body());
    }

    /** Polls a condition for up to 30 s. */
    private static final class Await
    {
        static void until(final java.util.function.BooleanSupplier condition)
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!condition.getAsBoolean())
            {
                if (System.nanoTime() > deadline)
                {
                    throw new AssertionError("condition not met within 30 s");
                }
                Thread.onSpinWait();
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
    }
}
