package io.flashsale.gateway.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import io.flashsale.client.HttpConnection;
import io.flashsale.client.Requests;
import io.flashsale.client.Response;
import io.flashsale.engine.pipeline.EngineConfig;
import io.flashsale.engine.pipeline.ResultSink;
import io.flashsale.engine.pipeline.WaitStrategyKind;
import io.flashsale.gateway.config.GatewayConfig;
import io.flashsale.gateway.config.SaleDefinition;
import io.flashsale.gateway.server.GatewayServer;

/**
 * Starts a node on a free port with a data directory of the test's choosing and a small known sale:
 * sale 1 is open (SKU 101: stock 2, limit 1, price 48,600,000; SKU 102: stock 1000, limit 5, price 1999;
 * SKU 103: stock 3, limit 3); sale 2 opens in a year (SKU 201); sale 3 has ended (SKU 301).
 */
public final class TestNode
{
    /** The admin token tests use. */
    public static final String TOKEN = "test-token";

    private TestNode()
    {
    }

    /**
     * @return gateway settings for tests (port 0, fixed token).
     */
    public static GatewayConfig gatewayConfig()
    {
        return new GatewayConfig().host("127.0.0.1").port(0).adminToken(TOKEN);
    }

    /**
     * @param dataDir the data directory.
     * @return engine settings for tests (no periodic snapshot, blocking wait to spare the CPU).
     */
    public static EngineConfig engineConfig(final Path dataDir)
    {
        return new EngineConfig().dataDirectory(dataDir).waitStrategy(WaitStrategyKind.BLOCKING)
            .snapshotEveryRecords(0).ringSize(1024).expectedSkus(64).expectedOrders(1024);
    }

    /**
     * @param nowMillis now.
     * @return the open test sale.
     */
    public static SaleDefinition openSale(final long nowMillis)
    {
        return new SaleDefinition(1, "test sale", nowMillis - 60_000, nowMillis + 86_400_000L, 900_000,
            List.of(new SaleDefinition.Store(7, "Test Store")),
            List.of(
                new SaleDefinition.Sku(101, 7, "Maserati", 48_600_000L, 2, 1),
                new SaleDefinition.Sku(102, 7, "Toothbrush", 1999, 1000, 5),
                new SaleDefinition.Sku(103, 7, "Razor", 4999, 3, 3)));
    }

    /**
     * @param dataDir data directory.
     * @return a started node with the open sale (and the not-yet-open and ended ones defined over HTTP).
     * @throws IOException on failure.
     */
    public static GatewayServer start(final Path dataDir) throws IOException
    {
        return start(dataDir, gatewayConfig(), engineConfig(dataDir), UnaryOperator.identity());
    }

    /**
     * @param dataDir       data directory.
     * @param config        gateway settings.
     * @param engineConfig  engine settings.
     * @param sinkDecorator result sink wrapper.
     * @return a started node with the test sales.
     * @throws IOException on failure.
     */
    public static GatewayServer start(
        final Path dataDir,
        final GatewayConfig config,
        final EngineConfig engineConfig,
        final UnaryOperator<ResultSink> sinkDecorator) throws IOException
    {
        final long now = System.currentTimeMillis();
        final GatewayServer server = GatewayServer.start(config, engineConfig, openSale(now), sinkDecorator);
        if (server.saleDefined())
        {
            try (HttpConnection client = new HttpConnection(server.port()))
            {
                final String auth = "Authorization: Bearer " + TOKEN + "\r\n";
                final String future = "{\"id\":2,\"opensAt\":" + (now + 31_536_000_000L) + ",\"closesAt\":" +
                    (now + 31_622_400_000L) + ",\"paymentWindowSeconds\":900,\"skus\":[{\"id\":201,\"store\":7," +
                    "\"price\":100,\"stock\":10,\"limit\":1}]}";
                final String ended = "{\"id\":3,\"opensAt\":\"2020-11-11T00:00:00+08:00\",\"closesAt\":\"PT24H\"," +
                    "\"paymentWindowSeconds\":900,\"skus\":[{\"id\":301,\"store\":7,\"price\":100,\"stock\":10," +
                    "\"limit\":1}]}";
                define(client, future, auth);
                define(client, ended, auth);
            }
        }
        return server;
    }

    /**
     * Wait (up to 10 s) until the server saw every earlier connection close.
     *
     * @param server the node.
     * @throws InterruptedException if interrupted.
     */
    public static void awaitNoConnections(final GatewayServer server) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (server.metrics().openConnections().get() > 0 && System.nanoTime() < deadline)
        {
            Thread.sleep(5);
        }
    }

    /**
     * Define a sale over HTTP, resending it while the ring is full (a definition is idempotent; a tiny test ring can
     * still hold the installer's last batch).
     */
    private static void define(final HttpConnection client, final String sale, final String auth) throws IOException
    {
        Response r = client.exchange("POST", "/admin/sales", sale, auth);
        for (int attempt = 0; attempt < 1000 && r.status() == 503; attempt++)
        {
            Thread.onSpinWait();
            r = client.exchange("POST", "/admin/sales", sale, auth);
        }
        if (r.status() != 201)
        {
            throw new IllegalStateException("test sale definition failed: " + r);
        }
    }

    /**
     * @param sku       SKU.
     * @param user      user.
     * @param qty       quantity.
     * @param requestId request id.
     * @return a buy body.
     */
    public static String buy(final long sku, final long user, final int qty, final String requestId)
    {
        return Requests.buy(sku, user, qty, requestId);
    }
}
