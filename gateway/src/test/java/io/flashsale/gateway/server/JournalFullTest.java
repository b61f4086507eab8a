package io.flashsale.gateway.server;

import static io.flashsale.gateway.support.TestNode.buy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flashsale.client.HttpConnection;
import io.flashsale.client.Response;
import io.flashsale.gateway.support.ErrorAssertions;
import io.flashsale.gateway.support.TestNode;

/**
 * The node's journal on a file system that fills up: buyers get 503 UNAVAILABLE instead of an acknowledgement the
 * journal does not hold, /metrics says the engine failed, /health turns 503 DOWN with a reason (so a load balancer
 * takes the node out), the node stays up and stops cleanly when told.
 * Needs root to mount a small tmpfs (CI runs as root).
 */
class JournalFullTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = "Authorization: Bearer " + TestNode.TOKEN + "\r\n";
    private static final String BIG_SALE = "{\"id\":60,\"opensAt\":0,\"closesAt\":\"2100-01-01T00:00:00Z\"," +
        "\"paymentWindowSeconds\":900,\"skus\":[{\"id\":6001,\"store\":3,\"price\":500,\"stock\":100000000," +
        "\"limit\":1}]}";

    private Path mountPoint;

    @BeforeEach
    void mountSmallTmpfs() throws Exception
    {
        mountPoint = Files.createTempDirectory("flashsale-full-journal");
        final Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs",
            mountPoint.toString()).redirectErrorStream(true).start();
        assumeTrue(mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0,
            "needs permission to mount a tmpfs");
    }

    @AfterEach
    void unmount() throws Exception
    {
        new ProcessBuilder("umount", "-l", mountPoint.toString()).start().waitFor(10, TimeUnit.SECONDS);
        Files.deleteIfExists(mountPoint);
    }

    @Test
    void shouldAnswer503UnavailableAndReportTheFailureWhenTheJournalDiskIsFull() throws Exception
    {
        final String padding = "x".repeat(40);
        long acknowledged = 0;
        try (GatewayServer server = TestNode.start(mountPoint.resolve("data"));
            HttpConnection client = new HttpConnection(server.port()))
        {
            assertEquals(201, client.exchange("POST", "/admin/sales", BIG_SALE, AUTH).status());
            Response last = null;
            for (long user = 1; user <= 1_000_000; user++)
            {
                last = client.exchange("POST", "/v1/orders", buy(6001, user, 1, padding + user));
                if (last.status() != 201)
                {
                    break;
                }
                acknowledged++;
            }
            assertEquals(503, last.status(), last.body());
            assertEquals("UNAVAILABLE", JSON.readTree(last.body()).get("code").asText());
            final Response after = client.exchange("POST", "/v1/orders", buy(6001, 2_000_000, 1, "after-failure"));
            assertEquals(503, after.status(), "nothing is acknowledged after the failure");
            final String metrics = client.exchange("GET", "/metrics", null).body();
            assertTrue(metrics.contains("flashsale_engine_failed 1"), "failure reported on /metrics");
            final Response health = client.exchange("GET", "/health", null);
            assertEquals(503, health.status(), "a load balancer takes the failed node out: " + health.body());
            final JsonNode status = JSON.readTree(health.body());
            assertEquals("DOWN", status.path("status").asText(), health.body());
            assertFalse(status.path("reason").asText().isBlank(), "DOWN says why: " + health.body());
            ErrorAssertions.assertNoInternalDetail(health.body(), "GET /health");
            assertEquals(200, client.exchange("GET", "/v1/sales", null).status(), "the node stays up");
        }
        assertTrue(acknowledged > 100, "orders were acknowledged while the disk had room: " + acknowledged);
    }
}
