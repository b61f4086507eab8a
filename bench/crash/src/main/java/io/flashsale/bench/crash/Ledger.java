package io.flashsale.bench.crash;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.flashsale.client.Requests;

/**
 * Everything the crash clients were told, across all runs of the node: acknowledged orders (with the most advanced
 * state acknowledged), rejected buys, and counts of requests whose outcome is unknown because the node died first.
 * Thread-safe: client threads add, the checker reads while no client runs.
 */
final class Ledger
{
    /** Acknowledged state: RESERVED (201 to the buy). */
    static final int RESERVED = 1;
    /** Acknowledged state: PAID (200 to a pay). */
    static final int PAID = 2;
    /** Acknowledged state: CANCELLED (200 to a cancel). */
    static final int CANCELLED = 3;

    private final Map<Long, Order> orders = new ConcurrentHashMap<>();
    private final Map<String, Buy> rejected = new ConcurrentHashMap<>();
    private final Map<String, Buy> uncertain = new ConcurrentHashMap<>();
    private final AtomicLong unknownBuys = new AtomicLong();
    private final AtomicLong unknownStateChanges = new AtomicLong();
    private final AtomicLong shed = new AtomicLong();
    private final AtomicLong answeredAfterResend = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final List<String> failures = new ArrayList<>();

    /**
     * A buy as sent.
     *
     * @param requestId idempotency key.
     * @param sku       SKU.
     * @param user      buyer.
     * @param qty       units.
     */
    record Buy(String requestId, long sku, long user, int qty)
    {
        String json()
        {
            return Requests.buy(sku, user, qty, requestId);
        }
    }

    /**
     * An acknowledged order. {@code state} is the most advanced state acknowledged; {@code attempted} is the state a
     * pay or cancel tried to reach (0: none), whatever its answer.
     */
    static final class Order
    {
        final long id;
        final Buy buy;
        volatile int state = RESERVED;
        volatile int attempted;

        Order(final long id, final Buy buy)
        {
            this.id = id;
            this.buy = buy;
        }
    }

    Order acknowledged(final long orderId, final Buy buy)
    {
        final Order order = new Order(orderId, buy);
        final Order earlier = orders.putIfAbsent(orderId, order);
        if (earlier != null)
        {
            failure("order id " + orderId + " acknowledged for two buys: " + earlier.buy + " and " + buy);
            return earlier;
        }
        return order;
    }

    void rejected(final Buy buy)
    {
        rejected.put(buy.requestId(), buy);
    }

    void forgetRejected(final String requestId)
    {
        rejected.remove(requestId);
    }

    /**
     * A buy answered 503 UNAVAILABLE: in cluster mode the shard may have committed it without the answer arriving in
     * time, so its outcome is unknown until a retry with the same request id tells.
     */
    void uncertain(final Buy buy)
    {
        uncertain.put(buy.requestId(), buy);
    }

    void resolved(final String requestId)
    {
        uncertain.remove(requestId);
    }

    Collection<Buy> uncertainBuys()
    {
        return new ArrayList<>(uncertain.values());
    }

    void unknownBuy()
    {
        unknownBuys.incrementAndGet();
    }

    void unknownStateChange()
    {
        unknownStateChanges.incrementAndGet();
    }

    void answeredAfterResend()
    {
        answeredAfterResend.incrementAndGet();
    }

    long answeredAfterResendCount()
    {
        return answeredAfterResend.get();
    }

    void shed()
    {
        shed.incrementAndGet();
    }

    void sent(final int n)
    {
        requests.addAndGet(n);
    }

    synchronized void failure(final String what)
    {
        if (failures.size() < 1000)
        {
            failures.add(what);
        }
    }

    synchronized List<String> failures()
    {
        return new ArrayList<>(failures);
    }

    Collection<Order> orders()
    {
        return orders.values();
    }

    Order order(final long id)
    {
        return orders.get(id);
    }

    Collection<Buy> rejectedBuys()
    {
        return new ArrayList<>(rejected.values());
    }

    long acknowledgedOrders()
    {
        return orders.size();
    }

    long rejectedCount()
    {
        return rejected.size();
    }

    long unknownBuys()
    {
        return unknownBuys.get();
    }

    long unknownStateChanges()
    {
        return unknownStateChanges.get();
    }

    long shedCount()
    {
        return shed.get();
    }

    long requests()
    {
        return requests.get();
    }
}
