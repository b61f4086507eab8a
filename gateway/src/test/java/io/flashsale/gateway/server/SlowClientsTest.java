package io.flashsale.gateway.server;

import static io.flashsale.gateway.support.TestNode.buy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flashsale.client.HttpConnection;
import io.flashsale.client.Response;
import io.flashsale.client.ResponseReader;
import io.flashsale.gateway.support.ErrorAssertions;
import io.flashsale.gateway.support.PausableSink;
import io.flashsale.gateway.support.TestNode;

/**
 * Overload and slow clients over real sockets: a flood of pipelined buys against a tiny ring, a client that writes
 * requests but never reads the responses, and slowloris clients that trickle their headers or say nothing.
 */
class SlowClientsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] HEALTH = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dataDir;

    private GatewayServer server;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws IOException
    {
        for (final Socket s : sockets)
        {
            s.close();
        }
        if (server != null)
        {
            server.close();
        }
    }

    @Test
    void shouldShedAFloodOfPipelinedBuysWith503AndCompleteEveryAcceptedOne() throws Exception
    {
        final AtomicReference<PausableSink> sink = new AtomicReference<>();
        server = TestNode.start(dataDir, TestNode.gatewayConfig(), TestNode.engineConfig(dataDir).ringSize(8), s ->
        {
            sink.set(new PausableSink(s));
            return sink.get();
        });
        final int connections = 6;
        final int perConnection = 60;
        final List<HttpConnection> clients = new ArrayList<>();
        try
        {
            for (int c = 0; c < connections; c++)
            {
                clients.add(new HttpConnection(server.port()));
            }
            sink.get().pause();
            sink.get().awaitPaused();
            final long deadline = System.nanoTime() + 30_000_000_000L;
            while (server.engine().publisher().occupancy() < 8 && System.nanoTime() < deadline)
            {
                Thread.sleep(10);
            }
            flood(clients, perConnection, "full-");
            for (final HttpConnection client : clients)
            {
                for (int i = 0; i < perConnection; i++)
                {
                    final Response r = client.read();
                    assertEquals(503, r.status(), r.body());
                    assertEquals("1", r.header("retry-after"));
                    ErrorAssertions.assertErrorBody(r, "flood buy");
                }
            }
            sink.get().resume();
            flood(clients, perConnection, "flood-");
            int created = 0;
            int shed = 0;
            for (final HttpConnection client : clients)
            {
                for (int i = 0; i < perConnection; i++)
                {
                    final Response r = client.read();
                    if (r.status() == 201)
                    {
                        created++;
                    }
                    else
                    {
                        assertEquals(503, r.status(), r.body());
                        assertEquals("1", r.header("retry-after"));
                        shed++;
                    }
                }
            }
            assertTrue(created > 0, "accepted buys completed");
            assertEquals(connections * perConnection, created + shed);
            final JsonNode sku = JSON.readTree(clients.get(0).exchange("GET", "/v1/skus/102", null).body());
            assertEquals(created, sku.get("held").asLong(), sku.toString());
            assertEquals(1000 - created, sku.get("available").asLong(), sku.toString());
        }
        finally
        {
            sink.get().resume();
            for (final HttpConnection client : clients)
            {
                client.close();
            }
        }
    }

    private static void flood(final List<HttpConnection> clients, final int perConnection, final String prefix)
        throws IOException
    {
        for (int c = 0; c < clients.size(); c++)
        {
            final StringBuilder batch = new StringBuilder();
            for (int i = 0; i < perConnection; i++)
            {
                final long user = 1 + c * perConnection + i;
                batch.append(HttpConnection.request("POST", "/v1/orders", buy(102, user, 1, prefix + user), ""));
            }
            clients.get(c).send(batch.toString());
        }
    }

    @Test
    void shouldStopReadingFromAClientThatNeverReadsItsResponses() throws Exception
    {
        server = TestNode.start(dataDir, TestNode.gatewayConfig().idleTimeoutSeconds(2).readTimeoutSeconds(2),
            TestNode.engineConfig(dataDir), s -> s);
        final Socket socket = new Socket();
        sockets.add(socket);
        socket.setReceiveBufferSize(16 * 1024);
        socket.setSendBufferSize(16 * 1024);
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
        final AtomicLong written = new AtomicLong();
        final AtomicBoolean failed = new AtomicBoolean();
        final long limit = 256L * 1024 * 1024;
        final Thread writer = new Thread(() ->
        {
            final byte[] chunk = new byte[HEALTH.length * 64];
            for (int i = 0; i < 64; i++)
            {
                System.arraycopy(HEALTH, 0, chunk, i * HEALTH.length, HEALTH.length);
            }
            try
            {
                final OutputStream out = socket.getOutputStream();
                while (written.get() < limit)
                {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            }
            catch (final IOException ex)
            {
                failed.set(true);
            }
        }, "never-reading-client");
        writer.setDaemon(true);
        writer.start();
        long last = -1;
        final long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && !failed.get() && written.get() < limit)
        {
            Thread.sleep(500);
            final long now = written.get();
            if (now == last)
            {
                break;
            }
            last = now;
        }
        assertTrue(written.get() < 64L * 1024 * 1024,
            "the server kept reading from a client that reads nothing: " + written.get() + " bytes accepted");
        final long closeDeadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < closeDeadline && server.metrics().openConnections().get() != 0)
        {
            Thread.sleep(100);
        }
        assertEquals(0, server.metrics().openConnections().get(), "the stalled connection is closed by the timeout");
        try (HttpConnection client = new HttpConnection(server.port()))
        {
            assertEquals(200, client.exchange("GET", "/health", null).status());
        }
    }

    @Test
    void shouldCloseSlowlorisAndIdleClientsWithoutStarvingOthers() throws Exception
    {
        server = TestNode.start(dataDir, TestNode.gatewayConfig().idleTimeoutSeconds(2).readTimeoutSeconds(2),
            TestNode.engineConfig(dataDir), s -> s);
        final int slow = 60;
        final int idle = 20;
        final List<Socket> trickling = new ArrayList<>();
        for (int i = 0; i < slow + idle; i++)
        {
            final Socket s = new Socket("127.0.0.1", server.port());
            s.setSoTimeout(20_000);
            sockets.add(s);
            if (i < slow)
            {
                trickling.add(s);
            }
        }
        final byte[] head = "POST /v1/orders HTTP/1.1\r\nHost: localhost\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n"
            .getBytes(StandardCharsets.US_ASCII);
        final boolean[] gone = new boolean[slow];
        try (HttpConnection normal = new HttpConnection(server.port()))
        {
            for (int second = 0; second < 6; second++)
            {
                for (int i = 0; i < slow; i++)
                {
                    if (!gone[i])
                    {
                        try
                        {
                            trickling.get(i).getOutputStream().write(head[second]);
                        }
                        catch (final IOException ex)
                        {
                            gone[i] = true;
                        }
                    }
                }
                final long user = 500 + second;
                final Response r = normal.exchange("POST", "/v1/orders", buy(102, user, 1, "normal-" + second));
                assertEquals(201, r.status(), r.body());
                Thread.sleep(1000);
            }
        }
        for (int i = 0; i < slow + idle; i++)
        {
            final ResponseReader in = new ResponseReader(sockets.get(i).getInputStream());
            final Response r = in.next();
            if (r != null)
            {
                assertEquals(i < slow ? 408 : -1, r.status(), "slow client " + i + ": " + r.body());
                ErrorAssertions.assertErrorBody(r, "slowloris");
                assertEquals(null, in.next(), "closed after the 408");
            }
        }
        TestNode.awaitNoConnections(server);
        assertEquals(0, server.metrics().openConnections().get());
        assertTrue(server.metrics().timedOutConnections() >= slow + idle, "timed out: " +
            server.metrics().timedOutConnections());
    }
}
