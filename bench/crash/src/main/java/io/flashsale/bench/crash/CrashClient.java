package io.flashsale.bench.crash;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.flashsale.client.HttpConnection;
import io.flashsale.client.JsonScan;
import io.flashsale.client.Requests;
import io.flashsale.client.Response;

/**
 * One client thread of the crash harness: pipelined batches of buys, pays and cancels (of its own acknowledged orders,
 * as their buyer) on one keep-alive connection, reconnecting when the node dies, until told to stop. Records every
 * answer in the {@link Ledger}; requests left without an answer when the connection dies are counted as unknown.
 */
final class CrashClient implements Runnable
{
    private static final int MAX_BATCH = 16;

    private final int port;
    private final Ledger ledger;
    private final Random random;
    private final AtomicLong requestSeq;
    private final String tag;
    private final CrashSale sale;
    private final BooleanSupplier stop;
    private final List<Ledger.Order> reserved = new ArrayList<>();

    CrashClient(
        final int port, final Ledger ledger, final Random random, final AtomicLong requestSeq, final String tag,
        final CrashSale sale, final BooleanSupplier stop)
    {
        this.port = port;
        this.ledger = ledger;
        this.random = random;
        this.requestSeq = requestSeq;
        this.tag = tag;
        this.sale = sale;
        this.stop = stop;
    }

    @Override
    public void run()
    {
        while (!stop.getAsBoolean())
        {
            try (HttpConnection connection = new HttpConnection(port, 5_000))
            {
                while (!stop.getAsBoolean())
                {
                    batch(connection);
                }
            }
            catch (final IOException ex)
            {
                pause();
            }
        }
    }

    private void batch(final HttpConnection connection) throws IOException
    {
        final int n = 1 + random.nextInt(MAX_BATCH);
        final Object[] ops = new Object[n];
        final boolean[] pays = new boolean[n];
        for (int i = 0; i < n; i++)
        {
            if (!reserved.isEmpty() && random.nextInt(10) < 3)
            {
                final Ledger.Order order = reserved.remove(random.nextInt(reserved.size()));
                pays[i] = random.nextBoolean();
                ops[i] = order;
                order.attempted = pays[i] ? Ledger.PAID : Ledger.CANCELLED;
                final String path = pays[i] ? Requests.pay(order.id) : Requests.cancel(order.id);
                connection.write(HttpConnection.request("POST", path, Requests.owner(order.buy.user())));
            }
            else
            {
                final Ledger.Buy buy = sale.randomBuy(random, tag + "-" + requestSeq.incrementAndGet());
                ops[i] = buy;
                connection.write(HttpConnection.request("POST", Requests.ORDERS, buy.json()));
            }
        }
        ledger.sent(n);
        int answered = 0;
        try
        {
            connection.flush();
            for (; answered < n; answered++)
            {
                final Response r = connection.read();
                if (ops[answered] instanceof Ledger.Buy)
                {
                    onBuy((Ledger.Buy)ops[answered], r);
                }
                else
                {
                    onStateChange((Ledger.Order)ops[answered], pays[answered], r);
                }
            }
        }
        finally
        {
            for (int i = answered; i < n; i++)
            {
                if (ops[i] instanceof Ledger.Buy)
                {
                    ledger.unknownBuy();
                }
                else
                {
                    ledger.unknownStateChange();
                }
            }
        }
    }

    private void onBuy(final Ledger.Buy buy, final Response r)
    {
        if (r.status() == 201)
        {
            reserved.add(ledger.acknowledged(JsonScan.longField(r.body(), "orderId"), buy));
        }
        else if (r.status() == 200 && JsonScan.isTrue(r.body(), "duplicate") && sameBuy(buy, r.body()))
        {
            // cluster mode: the gateway resent the buy (leader change, no answer in time) and the first copy had been
            // committed; the answer is that first order, for this very buy
            ledger.answeredAfterResend();
            reserved.add(ledger.acknowledged(JsonScan.longField(r.body(), "orderId"), buy));
        }
        else if (r.status() == 503 && r.body().contains("\"UNAVAILABLE\""))
        {
            ledger.shed();
            ledger.unknownBuy();
            ledger.uncertain(buy); // committed or not: a retry with the same request id tells
        }
        else if (r.status() == 503)
        {
            ledger.shed();
            ledger.rejected(buy);
        }
        else if (r.status() == 400 || r.status() == 403 || r.status() == 404 || r.status() == 409 ||
            r.status() == 429)
        {
            ledger.rejected(buy);
        }
        else
        {
            ledger.failure("buy " + buy + " with a fresh request id answered " + r.status() + " " + r.body());
        }
    }

    private void onStateChange(final Ledger.Order order, final boolean pay, final Response r)
    {
        if (r.status() == 200)
        {
            order.state = pay ? Ledger.PAID : Ledger.CANCELLED;
        }
        else if (r.status() == 503)
        {
            ledger.shed();
            if (!r.body().contains("\"UNAVAILABLE\""))
            {
                order.attempted = 0; // refused at the door: certainly not done
            }
            // UNAVAILABLE: the transition may have been committed; the order may be found in the attempted state
        }
        else
        {
            ledger.failure((pay ? "pay" : "cancel") + " of own RESERVED order " + order.id + " by its buyer answered " +
                r.status() + " " + r.body());
        }
    }

    private static boolean sameBuy(final Ledger.Buy buy, final String body)
    {
        return body.contains("\"requestId\":\"" + buy.requestId() + "\"") &&
            JsonScan.longField(body, "sku") == buy.sku() && JsonScan.longField(body, "user") == buy.user() &&
            JsonScan.longField(body, "qty") == buy.qty();
    }

    private static void pause()
    {
        try
        {
            Thread.sleep(5);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
