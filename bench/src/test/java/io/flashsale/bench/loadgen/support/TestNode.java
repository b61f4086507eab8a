package io.flashsale.bench.loadgen.support;

import io.flashsale.engine.pipeline.EngineConfig;
import io.flashsale.engine.pipeline.ResultSink;
import io.flashsale.gateway.config.GatewayConfig;
import io.flashsale.gateway.config.SaleParser;
import io.flashsale.gateway.server.GatewayServer;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A real node on a free loopback port, with a small sale: a handful of limited lots (one with stock 3 and limit 1,
 * the Maserati) and everyday goods with large stock, and a short payment window so orders expire during a test.
 */
public final class TestNode implements AutoCloseable
{
    /** The sale: opens now, 2 s payment window. */
    public static final String SALE = "{\"id\":11,\"name\":\"test sale\",\"opensAt\":\"now\",\"closesAt\":\"PT2H\"," +
        "\"paymentWindowSeconds\":2,\"stores\":[{\"id\":1,\"name\":\"Maserati\"},{\"id\":2,\"name\":\"Nike\"}]," +
        "\"skus\":[" +
        "{\"id\":1001,\"store\":1,\"name\":\"limited Maserati\",\"price\":48600000,\"stock\":3,\"limit\":1}," +
        "{\"id\":1002,\"store\":2,\"name\":\"limited sneaker\",\"price\":19900,\"stock\":40,\"limit\":2}," +
        "{\"id\":1003,\"store\":2,\"name\":\"sneaker lot B\",\"price\":12900,\"stock\":150,\"limit\":2}," +
        "{\"id\":1004,\"store\":2,\"name\":\"socks\",\"price\":900,\"stock\":100000,\"limit\":5}," +
        "{\"id\":1005,\"store\":2,\"name\":\"toothbrush\",\"price\":1500,\"stock\":100000,\"limit\":5}," +
        "{\"id\":1006,\"store\":2,\"name\":\"razor\",\"price\":4900,\"stock\":100000,\"limit\":5}]}";

    private final GatewayServer server;

    /**
     * @param dataDir       journal directory.
     * @param sinkDecorator wraps the engine's result sink (identity normally).
     */
    public TestNode(final Path dataDir, final UnaryOperator<ResultSink> sinkDecorator)
    {
        server = GatewayServer.start(new GatewayConfig().port(0), new EngineConfig().dataDirectory(dataDir),
            SaleParser.parse(SALE.getBytes(StandardCharsets.UTF_8), System.currentTimeMillis()), sinkDecorator);
    }

    /**
     * @return base URL of the node.
     */
    public URI url()
    {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @Override
    public void close()
    {
        server.close();
    }
}
