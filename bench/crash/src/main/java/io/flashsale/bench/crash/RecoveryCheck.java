package io.flashsale.bench.crash;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.flashsale.client.HttpConnection;
import io.flashsale.client.JsonScan;
import io.flashsale.client.Requests;
import io.flashsale.client.Response;

/**
 * The checks after a restart, over HTTP against the quiet node: every acknowledged order is there with its buyer, SKU
 * and quantity and a state at least as advanced as acknowledged; no SKU is oversold and every SKU holds at least the
 * acknowledged units (not counting orders whose cancel went unanswered); retrying an acknowledged request id returns
 * 200 duplicate with the same order; retrying a rejected one never does. Requests are pipelined in batches.
 */
final class RecoveryCheck
{
    private static final int BATCH = 64;

    private final Ledger ledger;
    private final Random random;
    private final List<String> failures = new ArrayList<>();
    private long checks;

    RecoveryCheck(final Ledger ledger, final Random random)
    {
        this.ledger = ledger;
        this.random = random;
    }

    /**
     * @param port         the node.
     * @param retrySample  acknowledged and rejected request ids to retry (all if negative).
     * @return failures found (empty: all passed).
     * @throws IOException if the node stops answering.
     */
    List<String> run(final int port, final int retrySample) throws IOException
    {
        try (HttpConnection connection = new HttpConnection(port, 30_000))
        {
            uncertainRetries(connection);
            orders(connection);
            stock(connection);
            acknowledgedRetries(connection, retrySample);
            rejectedRetries(connection, retrySample);
        }
        return failures;
    }

    long checks()
    {
        return checks;
    }

    private void orders(final HttpConnection connection) throws IOException
    {
        final List<Ledger.Order> all = new ArrayList<>(ledger.orders());
        for (int from = 0; from < all.size(); from += BATCH)
        {
            final int to = Math.min(all.size(), from + BATCH);
            for (int i = from; i < to; i++)
            {
                connection.write(HttpConnection.request("GET", Requests.order(all.get(i).id), null));
            }
            connection.flush();
            for (int i = from; i < to; i++)
            {
                order(all.get(i), connection.read());
            }
        }
    }

    private void order(final Ledger.Order o, final Response r)
    {
        checks++;
        if (r.status() != 200)
        {
            fail("acknowledged order " + o.id + " (" + o.buy + ") missing after restart: " + r.status() + " " +
                r.body());
            return;
        }
        final String body = r.body();
        if (JsonScan.longField(body, "user") != o.buy.user() || JsonScan.longField(body, "sku") != o.buy.sku() ||
            JsonScan.longField(body, "qty") != o.buy.qty())
        {
            fail("order " + o.id + " differs from its acknowledged buy " + o.buy + ": " + body);
        }
        final String status = JsonScan.stringField(body, "status");
        final int state = "RESERVED".equals(status) ? Ledger.RESERVED : "PAID".equals(status) ? Ledger.PAID :
            "CANCELLED".equals(status) ? Ledger.CANCELLED : 0;
        final boolean ok = o.state != Ledger.RESERVED ? state == o.state :
            state == Ledger.RESERVED || (o.attempted != 0 && state == o.attempted);
        if (!ok)
        {
            fail("order " + o.id + " is " + status + " but was acknowledged " + name(o.state) +
                (o.attempted == 0 ? " with no later pay or cancel" : " with a " + name(o.attempted) + " attempt"));
        }
    }

    private void stock(final HttpConnection connection) throws IOException
    {
        final Map<Long, long[]> acknowledged = new HashMap<>();
        for (final Ledger.Order o : ledger.orders())
        {
            final long[] units = acknowledged.computeIfAbsent(o.buy.sku(), k -> new long[2]);
            final boolean mayBeCancelled = o.state == Ledger.RESERVED && o.attempted == Ledger.CANCELLED;
            if (o.state != Ledger.CANCELLED && !mayBeCancelled)
            {
                units[0] += o.buy.qty();
            }
            if (o.state == Ledger.PAID)
            {
                units[1] += o.buy.qty();
            }
        }
        for (final long sku : CrashSale.SKUS)
        {
            connection.write(HttpConnection.request("GET", Requests.sku(sku), null));
        }
        connection.flush();
        for (final long sku : CrashSale.SKUS)
        {
            checks++;
            final Response r = connection.read();
            final long total = JsonScan.longField(r.body(), "total");
            final long available = JsonScan.longField(r.body(), "available");
            final long held = JsonScan.longField(r.body(), "held");
            final long sold = JsonScan.longField(r.body(), "sold");
            final long[] units = acknowledged.getOrDefault(sku, new long[2]);
            if (r.status() != 200 || sold + held + available != total || held + sold > total || available < 0)
            {
                fail("SKU " + sku + " units do not add up: " + r.status() + " " + r.body());
            }
            else if (held + sold < units[0] || sold < units[1])
            {
                fail("SKU " + sku + " holds fewer units than acknowledged (" + units[0] + " held or sold, " +
                    units[1] + " sold): " + r.body());
            }
        }
    }

    private void acknowledgedRetries(final HttpConnection connection, final int sample) throws IOException
    {
        final List<Ledger.Order> picked = sample(new ArrayList<>(ledger.orders()), sample);
        for (int from = 0; from < picked.size(); from += BATCH)
        {
            final int to = Math.min(picked.size(), from + BATCH);
            for (int i = from; i < to; i++)
            {
                connection.write(HttpConnection.request("POST", Requests.ORDERS, picked.get(i).buy.json()));
            }
            connection.flush();
            for (int i = from; i < to; i++)
            {
                checks++;
                final Ledger.Order o = picked.get(i);
                final Response r = connection.read();
                if (r.status() != 200 || !JsonScan.isTrue(r.body(), "duplicate") ||
                    JsonScan.longField(r.body(), "orderId") != o.id)
                {
                    fail("retry of acknowledged request " + o.buy.requestId() + " (order " + o.id + ") answered " +
                        r.status() + " " + r.body());
                }
            }
        }
    }

    /**
     * Resolve buys answered UNAVAILABLE: the retry answers the first outcome (an order, 200) if the shard committed
     * it, or decides it now.
     */
    private void uncertainRetries(final HttpConnection connection) throws IOException
    {
        final List<Ledger.Buy> all = new ArrayList<>(ledger.uncertainBuys());
        for (int from = 0; from < all.size(); from += BATCH)
        {
            final int to = Math.min(all.size(), from + BATCH);
            for (int i = from; i < to; i++)
            {
                connection.write(HttpConnection.request("POST", Requests.ORDERS, all.get(i).json()));
            }
            connection.flush();
            for (int i = from; i < to; i++)
            {
                checks++;
                final Ledger.Buy buy = all.get(i);
                final Response r = connection.read();
                if (r.status() == 200 || r.status() == 201)
                {
                    ledger.resolved(buy.requestId());
                    ledger.acknowledged(JsonScan.longField(r.body(), "orderId"), buy);
                }
                else if (r.status() != 503)
                {
                    ledger.resolved(buy.requestId());
                    ledger.rejected(buy);
                }
            }
        }
    }

    private void rejectedRetries(final HttpConnection connection, final int sample) throws IOException
    {
        final List<Ledger.Buy> picked = sample(new ArrayList<>(ledger.rejectedBuys()), sample);
        for (int from = 0; from < picked.size(); from += BATCH)
        {
            final int to = Math.min(picked.size(), from + BATCH);
            for (int i = from; i < to; i++)
            {
                connection.write(HttpConnection.request("POST", Requests.ORDERS, picked.get(i).json()));
            }
            connection.flush();
            for (int i = from; i < to; i++)
            {
                checks++;
                final Ledger.Buy buy = picked.get(i);
                final Response r = connection.read();
                if (r.status() == 200 || JsonScan.isTrue(r.body(), "duplicate"))
                {
                    fail("rejected request " + buy.requestId() + " came back as an existing order: " + r.body());
                }
                else if (r.status() == 201)
                {
                    ledger.forgetRejected(buy.requestId());
                    ledger.acknowledged(JsonScan.longField(r.body(), "orderId"), buy);
                }
            }
        }
    }

    private <T> List<T> sample(final List<T> all, final int n)
    {
        if (n < 0 || all.size() <= n)
        {
            return all;
        }
        Collections.shuffle(all, random);
        return all.subList(0, n);
    }

    private void fail(final String what)
    {
        if (failures.size() < 100)
        {
            failures.add(what);
        }
    }

    static String name(final int state)
    {
        return switch (state)
        {
            case Ledger.RESERVED -> "RESERVED";
            case Ledger.PAID -> "PAID";
            case Ledger.CANCELLED -> "CANCELLED";
            default -> "NONE";
        };
    }
}
