package io.flashsale.gateway.server;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.flashsale.engine.pipeline.EngineConfig;
import io.flashsale.gateway.config.GatewayConfig;
import io.flashsale.gateway.config.SaleDefinition;

/**
 * JIT warm-up of the whole buy path before a node opens its port: a throwaway node (event loop, decoder, router, ring,
 * business logic, journal, replies, ops sampler) on an ephemeral loopback port and a temporary directory, with the
 * node's HTTP limits, event loops, ring, batch, wait strategy and sync policy, is sent buys, pays, cancels, order and
 * SKU queries and health checks over one pipelined loopback connection, then, as buyers send them, one request at a
 * time on each of several connections with kinds and outcomes interleaved (a buy, then its pay, cancel, a duplicate,
 * a second buy over the limit or an unknown SKU); then closed and its directory deleted. The same classes run as in
 * the node itself, and in the shapes buyers' traffic takes (a read holding one request, a flush per answer), so the
 * JIT has compiled what the first buyers' requests run through; the node's own state and journal are never touched.
 * Runs on the caller's thread.
 */
final class NodeWarmUp
{
    private static final long SALE = 1;
    private static final int SKUS = 8;
    private static final int WINDOW = 32;
    private static final int BUYER_CONNECTIONS = 4;

    private NodeWarmUp()
    {
    }

    /**
     * Run the warm-up and wait for it to finish.
     *
     * @param http   the node's HTTP settings (event loops and limits are copied; port and token are not).
     * @param engine the node's engine settings (ring, batch, wait strategy, sync policy are copied).
     * @param buys   buys to send pipelined (then pays of half and cancels of a quarter of them, and a query per eight),
     *               then a quarter as many buyers one request at a time (see {@link #asBuyers}); 0 does nothing.
     * @return requests the throwaway node answered with a 2xx status.
     */
    static long run(final GatewayConfig http, final EngineConfig engine, final int buys)
    {
        if (buys <= 0)
        {
            return 0;
        }
        final Path directory;
        try
        {
            directory = Files.createTempDirectory("flashsale-warmup");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final GatewayConfig throwawayHttp = new GatewayConfig()
            .host(InetAddress.getLoopbackAddress().getHostAddress())
            .port(0)
            .adminToken(HexFormat.of().formatHex(new SecureRandom().generateSeed(16)))
            .eventLoopThreads(http.eventLoopThreads())
            .maxBodyBytes(http.maxBodyBytes())
            .maxHeaderBytes(http.maxHeaderBytes())
            .maxInitialLineBytes(http.maxInitialLineBytes())
            .maxPipelined(Math.max(WINDOW, http.maxPipelined()));
        final EngineConfig throwawayEngine = new EngineConfig()
            .dataDirectory(directory)
            .ringSize(engine.ringSize())
            .maxBatchSize(engine.maxBatchSize())
            .waitStrategy(engine.waitStrategy())
            .syncPolicy(engine.syncPolicy())
            .snapshotEveryRecords(0)
            .snapshotOnShutdown(false)
            .tickIntervalMillis(0)
            .expectedSkus(SKUS)
            .expectedOrders(buys);
        try (GatewayServer node = GatewayServer.startQuietly(throwawayHttp, throwawayEngine,
            sale(System.currentTimeMillis()), UnaryOperator.identity());
            Driver driver = new Driver(new Socket(InetAddress.getLoopbackAddress(), node.port()), WINDOW))
        {
            for (int i = 0; i < buys; i++)
            {
                driver.send("POST", "/v1/orders", buyJson(i, 1 + i % SKUS, "warm-" + i));
            }
            // one connection, one engine: orders are numbered 1..buys in the order they were sent
            for (int i = 0; i < buys / 2; i++)
            {
                driver.send("POST", "/v1/orders/" + (i + 1) + "/pay", "{\"user\":" + user(i) + "}");
            }
            for (int i = buys / 2; i < buys / 2 + buys / 4; i++)
            {
                driver.send("POST", "/v1/orders/" + (i + 1) + "/cancel", "{\"user\":" + user(i) + "}");
            }
            for (int i = 0; i < buys / 8; i++)
            {
                switch (i % 3)
                {
                    case 0 -> driver.send("GET", "/v1/orders/" + (i + 1), null);
                    case 1 -> driver.send("GET", "/v1/skus/" + (1 + i % SKUS), null);
                    default -> driver.send("GET", "/health", null);
                }
            }
            driver.drain();
            return driver.succeeded + asBuyers(node.port(), buys, buys / 4);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("JIT warm-up failed", ex);
        }
        finally
        {
            delete(directory);
        }
    }

    /**
     * Buyers one request at a time on {@value #BUYER_CONNECTIONS} connections, round robin, each a fresh user buying
     * one unit (orders numbered on from {@code ordersBefore + 1}) and then, by turns: paying it (twice in six),
     * cancelling it, repeating the buy (DUPLICATE), buying again under a new request id (over the limit of 1: 429) or
     * buying an unknown SKU (404); every sixteenth also queries its order.
     *
     * @return requests answered with a 2xx status.
     */
    private static long asBuyers(final int port, final int ordersBefore, final int buyers) throws IOException
    {
        final Driver[] connections = new Driver[BUYER_CONNECTIONS];
        try
        {
            for (int c = 0; c < connections.length; c++)
            {
                connections[c] = new Driver(new Socket(InetAddress.getLoopbackAddress(), port), 1);
            }
            for (int i = 0; i < buyers; i++)
            {
                final Driver buyer = connections[i % connections.length];
                final int n = ordersBefore + i;
                final long sku = 1 + i % SKUS;
                final String buy = buyJson(n, sku, "warm-" + n);
                buyer.send("POST", "/v1/orders", buy);
                final long order = ordersBefore + 1 + i;
                switch (i % 6)
                {
                    case 0, 1 -> buyer.send("POST", "/v1/orders/" + order + "/pay", "{\"user\":" + user(n) + "}");
                    case 2 -> buyer.send("POST", "/v1/orders/" + order + "/cancel", "{\"user\":" + user(n) + "}");
                    case 3 -> buyer.send("POST", "/v1/orders", buy);
                    case 4 -> buyer.send("POST", "/v1/orders", buyJson(n, sku, "again-" + n));
                    default -> buyer.send("POST", "/v1/orders", buyJson(n, SKUS + 1, "unknown-" + n));
                }
                if (i % 16 == 0)
                {
                    buyer.send("GET", "/v1/orders/" + order, null);
                }
            }
            long succeeded = 0;
            for (final Driver connection : connections)
            {
                succeeded += connection.succeeded;
            }
            return succeeded;
        }
        finally
        {
            for (final Driver connection : connections)
            {
                if (connection != null)
                {
                    connection.close();
                }
            }
        }
    }

    private static String buyJson(final int n, final long sku, final String requestId)
    {
        return "{\"user\":" + user(n) + ",\"sku\":" + sku + ",\"qty\":1,\"requestId\":\"" + requestId + "\"}";
    }

    private static long user(final int n)
    {
        return 1 + n;
    }

    private static SaleDefinition sale(final long now)
    {
        final List<SaleDefinition.Sku> skus = new ArrayList<>();
        for (int k = 1; k <= SKUS; k++)
        {
            skus.add(new SaleDefinition.Sku(k, 1, "warm-up " + k, 100, 100_000_000, 1));
        }
        return new SaleDefinition(SALE, "JIT warm-up", now - 60_000, now + 3_600_000, 600_000,
            List.of(new SaleDefinition.Store(1, "warm-up")), skus);
    }

    private static void delete(final Path directory)
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path p : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.deleteIfExists(p);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * One HTTP/1.1 connection: at most {@code window} requests wait for their responses (1: each is answered before
     * the next is sent); responses are read by their content-length.
     */
    private static final class Driver implements AutoCloseable
    {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final StringBuilder line = new StringBuilder();
        private final int window;
        private int inFlight;
        long succeeded;

        Driver(final Socket socket, final int window) throws IOException
        {
            this.socket = socket;
            this.window = window;
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        }

        void send(final String method, final String path, final String body) throws IOException
        {
            final byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.US_ASCII);
            out.write((method + ' ' + path + " HTTP/1.1\r\nHost: warm-up\r\n" +
                (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n") +
                "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            if (++inFlight == window)
            {
                out.flush();
                while (inFlight > window / 2)
                {
                    readResponse();
                }
            }
        }

        void drain() throws IOException
        {
            out.flush();
            while (inFlight > 0)
            {
                readResponse();
            }
        }

        private void readResponse() throws IOException
        {
            final String status = readLine();
            long length = 0;
            for (String header = readLine(); !header.isEmpty(); header = readLine())
            {
                final int colon = header.indexOf(':');
                if (colon > 0 && header.substring(0, colon).trim().equalsIgnoreCase("content-length"))
                {
                    length = Long.parseLong(header.substring(colon + 1).trim());
                }
            }
            in.skipNBytes(length);
            inFlight--;
            if (status.length() > 9 && status.charAt(9) == '2')
            {
                succeeded++;
            }
        }

        private String readLine() throws IOException
        {
            line.setLength(0);
            for (int b = in.read(); b != '\n'; b = in.read())
            {
                if (b < 0)
                {
                    throw new EOFException("the warm-up node closed the connection");
                }
                if (b != '\r')
                {
                    line.append((char)b);
                }
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException
        {
            socket.close();
        }
    }
}
