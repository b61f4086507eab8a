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
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flashsale.client.HttpConnection;
import io.flashsale.client.Response;
import io.flashsale.client.ResponseReader;
import io.flashsale.engine.audit.AuditReport;
import io.flashsale.engine.audit.JournalAudit;
import io.flashsale.engine.command.OrderState;
import io.flashsale.gateway.support.ErrorAssertions;
import io.flashsale.gateway.support.HostileRequests;
import io.flashsale.gateway.support.TestNode;

/**
 * Over 100,000 malformed and hostile requests over real sockets, pipelined in batches on connections that are reused
 * until the server closes them, while one buyer makes valid buys on its own connection. Every reply must be a
 * well-formed 4xx with a {@code {"code","message"}} body that shows nothing internal (or the connection closes),
 * the node stays up, and afterwards the sale holds exactly the buyer's orders and stock. Seeded: a failure names its
 * seed and the request that caused it.
 */
class BadInputFuzzTest
{
    private static final long SEED = Long.getLong("fuzz.seed", 20261111L);
    private static final int HOSTILE_REQUESTS = 100_000;
    private static final int FUZZERS = 2;
    private static final int MAX_BATCH = 48;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void shouldAnswerEveryHostileRequestWith4xxAndKeepTheSaleExactlyAsTheValidBuysLeftIt() throws Exception
    {
        final GatewayServer server = TestNode.start(dataDir, TestNode.gatewayConfig().readTimeoutSeconds(2),
            TestNode.engineConfig(dataDir).ringSize(4096), s -> s);
        final int port = server.port();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong closedByServer = new AtomicLong();
        final AtomicBoolean fuzzing = new AtomicBoolean(true);
        final ExecutorService pool = Executors.newFixedThreadPool(FUZZERS + 1);
        final ValidBuyer buyer = new ValidBuyer(port, fuzzing, sent, new Random(SEED));
        try
        {
            final Future<?> buying = pool.submit(() ->
            {
                buyer.run();
                return null;
            });
            final List<Future<?>> fuzzers = new ArrayList<>();
            for (int i = 0; i < FUZZERS; i++)
            {
                final Random random = new Random(SEED + 1 + i);
                fuzzers.add(pool.submit(() ->
                {
                    fuzz(port, random, HOSTILE_REQUESTS / FUZZERS, sent, closedByServer);
                    return null;
                }));
            }
            for (final Future<?> f : fuzzers)
            {
                f.get(120, TimeUnit.SECONDS);
            }
            fuzzing.set(false);
            buying.get(60, TimeUnit.SECONDS);

            assertTrue(sent.get() >= HOSTILE_REQUESTS, "hostile requests sent: " + sent.get());
            assertTrue(closedByServer.get() > 0, "the breakers should have closed some connections");
            try (HttpConnection client = new HttpConnection(port))
            {
                assertEquals(200, client.exchange("GET", "/health", null).status());
                buyer.assertStockMatches(client);
                buyer.assertOrdersAsBought(client);
            }
        }
        finally
        {
            fuzzing.set(false);
            pool.shutdownNow();
            server.close();
        }
        final AuditReport audit = JournalAudit.run(dataDir);
        assertTrue(audit.clean(), audit.violations().toString());
        assertEquals(buyer.created(), audit.ordersByState()[OrderState.RESERVED.ordinal()],
            "journal orders RESERVED (seed " + SEED + ")");
        assertEquals(0, audit.ordersByState()[OrderState.PAID.ordinal()]);
        assertEquals(0, audit.ordersByState()[OrderState.CANCELLED.ordinal()]);
        for (final AuditReport.SkuUnits sku : audit.skus())
        {
            assertEquals(buyer.held(sku.skuId()), sku.held(), "held units of SKU " + sku.skuId());
            assertEquals(0, sku.sold(), "sold units of SKU " + sku.skuId());
            assertEquals(sku.total() - sku.held(), sku.available(), "available units of SKU " + sku.skuId());
        }
    }

    private static void fuzz(
        final int port, final Random random, final int count, final AtomicLong sent, final AtomicLong closedByServer)
        throws IOException
    {
        final HostileRequests hostile = new HostileRequests(random);
        int mine = 0;
        while (mine < count)
        {
            try (Socket socket = connect(port))
            {
                final OutputStream out = socket.getOutputStream();
                final ResponseReader in = new ResponseReader(socket.getInputStream());
                final int batches = 1 + random.nextInt(30);
                for (int b = 0; b < batches && mine < count; b++)
                {
                    final int n = 1 + random.nextInt(MAX_BATCH);
                    final byte[][] batch = new byte[n][];
                    for (int i = 0; i < n; i++)
                    {
                        batch[i] = hostile.keepAlive();
                        out.write(batch[i]);
                    }
                    out.flush();
                    for (int i = 0; i < n; i++)
                    {
                        final String what = "seed " + SEED + ": " + new String(batch[i], StandardCharsets.ISO_8859_1);
                        final Response r = in.next();
                        if (r == null)
                        {
                            throw new AssertionError("connection closed instead of answering " +
                                ErrorAssertions.printable(what));
                        }
                        ErrorAssertions.assertClientError(r, what);
                    }
                    mine += n;
                    sent.addAndGet(n);
                }
                if (random.nextBoolean())
                {
                    final byte[] breaker = hostile.breaker();
                    final String what = "seed " + SEED + ": " + new String(breaker, StandardCharsets.ISO_8859_1);
                    out.write(breaker);
                    out.flush();
                    socket.shutdownOutput();
                    final Response r = in.next();
                    if (r != null)
                    {
                        ErrorAssertions.assertClientError(r, what);
                        final Response more = in.next();
                        if (more != null)
                        {
                            throw new AssertionError("answer after a connection-breaking request " +
                                ErrorAssertions.printable(what) + ": " + more);
                        }
                    }
                    closedByServer.incrementAndGet();
                    mine++;
                    sent.incrementAndGet();
                }
            }
        }
    }

    private static Socket connect(final int port) throws IOException
    {
        final Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        socket.setTcpNoDelay(true);
        return socket;
    }

    /**
     * Valid buys of SKUs 101 (2 units, limit 1) and 102 (1000 units, limit 5) by users 1.., with a retry of every
     * tenth request id, until the fuzzers are done; records what was acknowledged.
     */
    private static final class ValidBuyer
    {
        private static final long HOSTILE_PER_VALID = 40;

        private final int port;
        private final AtomicBoolean fuzzing;
        private final AtomicLong hostileSent;
        private final Random random;
        private final List<long[]> orders = new ArrayList<>();
        private final long[] heldBySku = new long[200];

        ValidBuyer(final int port, final AtomicBoolean fuzzing, final AtomicLong hostileSent, final Random random)
        {
            this.port = port;
            this.fuzzing = fuzzing;
            this.hostileSent = hostileSent;
            this.random = random;
        }

        void run() throws IOException
        {
            try (HttpConnection client = new HttpConnection(port))
            {
                long user = 1;
                while (fuzzing.get() && user < 100_000)
                {
                    final long sku = random.nextInt(8) == 0 ? 101 : 102;
                    final int qty = 1 + random.nextInt(sku == 101 ? 1 : 5);
                    final String requestId = "valid-" + user;
                    final Response r = client.exchange("POST", "/v1/orders", buy(sku, user, qty, requestId));
                    if (r.status() == 201)
                    {
                        final JsonNode order = JSON.readTree(r.body());
                        orders.add(new long[] {order.get("orderId").asLong(), user, sku, qty});
                        heldBySku[(int)sku] += qty;
                        if (user % 10 == 0)
                        {
                            final Response again = client.exchange("POST", "/v1/orders",
                                buy(sku, user, qty, requestId));
                            assertEquals(200, again.status(), again.body());
                            final JsonNode dup = JSON.readTree(again.body());
                            assertTrue(dup.get("duplicate").asBoolean(), again.body());
                            assertEquals(order.get("orderId").asLong(), dup.get("orderId").asLong(), again.body());
                        }
                    }
                    else
                    {
                        assertEquals(409, r.status(), r.body());
                        assertEquals("SOLD_OUT", JSON.readTree(r.body()).get("code").asText());
                    }
                    user++;
                    awaitHostileRequests(hostileSent.get() + HOSTILE_PER_VALID);
                }
            }
        }

        /**
         * Interleave by progress, not by time: one valid buy per {@link #HOSTILE_PER_VALID} hostile requests.
         */
        private void awaitHostileRequests(final long target)
        {
            while (fuzzing.get() && hostileSent.get() < target)
            {
                Thread.yield();
            }
        }

        long created()
        {
            return orders.size();
        }

        long held(final long sku)
        {
            return sku < heldBySku.length ? heldBySku[(int)sku] : 0;
        }

        void assertStockMatches(final HttpConnection client) throws IOException
        {
            for (final long sku : new long[] {101, 102, 103})
            {
                final JsonNode s = JSON.readTree(client.exchange("GET", "/v1/skus/" + sku, null).body());
                assertEquals(held(sku), s.get("held").asLong(), "held of " + sku + ": " + s);
                assertEquals(0, s.get("sold").asLong(), "sold of " + sku + ": " + s);
                assertEquals(s.get("total").asLong() - held(sku), s.get("available").asLong(), "available: " + s);
            }
        }

        void assertOrdersAsBought(final HttpConnection client) throws IOException
        {
            assertTrue(orders.size() > 10, "valid buys made: " + orders.size());
            for (final long[] o : orders)
            {
                final Response r = client.exchange("GET", "/v1/orders/" + o[0], null);
                assertEquals(200, r.status(), r.body());
                final JsonNode order = JSON.readTree(r.body());
                assertEquals(o[1], order.get("user").asLong(), r.body());
                assertEquals(o[2], order.get("sku").asLong(), r.body());
                assertEquals(o[3], order.get("qty").asLong(), r.body());
                assertEquals("RESERVED", order.get("status").asText(), r.body());
            }
        }
    }
}
