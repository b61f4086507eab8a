package io.flashsale.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.client.HttpConnection;
import io.flashsale.gateway.support.TestNode;

/**
 * The JIT warm-up drives a throwaway node over loopback before the real node opens its port, and leaves nothing of
 * itself behind: not in the node's state or journal, not in the temporary directory.
 */
class NodeWarmUpTest
{
    @TempDir
    Path dataDir;

    private GatewayServer server;

    @AfterEach
    void stop()
    {
        if (server != null)
        {
            server.close();
        }
    }

    @Test
    void shouldAnswerEveryWarmUpRequestAndTouchNothingOfTheNode() throws Exception
    {
        final File tmp = new File(System.getProperty("java.io.tmpdir"));
        final long before = warmUpDirectories(tmp);
        // pipelined: 4,000 buys (201), 2,000 pays and 1,000 cancels (200), 500 order, SKU and health queries (200);
        // then 1,000 buyers one request at a time: 1,000 buys (201), 334 pays, 167 cancels, 167 duplicates and 63
        // order queries (200); 166 buys over the limit (429) and 166 of an unknown SKU (404) are not counted
        assertEquals(7_500 + 1_731,
            NodeWarmUp.run(TestNode.gatewayConfig(), TestNode.engineConfig(dataDir), 4_000));
        assertEquals(before, warmUpDirectories(tmp), "the warm-up's directory is deleted");
        assertEquals(0, NodeWarmUp.run(TestNode.gatewayConfig(), TestNode.engineConfig(dataDir), 0));
    }

    @Test
    void shouldOpenTheNodesPortOnlyAfterTheWarmUpWithItsOwnStateOnly() throws Exception
    {
        server = TestNode.start(dataDir, TestNode.gatewayConfig().warmUpBuys(2_000), TestNode.engineConfig(dataDir),
            UnaryOperator.identity());
        try (HttpConnection client = new HttpConnection(server.port()))
        {
            assertEquals(404, client.exchange("GET", "/v1/skus/1", null).status(), "no warm-up SKU in the node");
            assertEquals(404, client.exchange("GET", "/v1/orders/1", null).status(), "no warm-up order either");
            assertEquals(201, client.exchange("POST", "/v1/orders", TestNode.buy(102, 1, 1, "first")).status());
            assertEquals(200, client.exchange("GET", "/v1/orders/1", null).status(), "the node's first order is 1");
        }
    }

    private static long warmUpDirectories(final File tmp)
    {
        return Objects.requireNonNull(tmp.list((dir, name) -> name.startsWith("flashsale-warmup"))).length;
    }
}
