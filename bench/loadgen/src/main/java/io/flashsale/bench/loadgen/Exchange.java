package io.flashsale.bench.loadgen;

/**
 * One request of a simulated buyer, from its intended send time to its answer. Pooled and reused by a
 * {@link LoadWorker}; only ever touched on that worker's event loop.
 */
final class Exchange
{
    RequestKind kind;
    long intendedNanos;
    long sentNanos;
    long request;
    int skuIndex;
    long user;
    int qty;
    int attempt;
    boolean retrier;
    boolean resubmitter;
    int orderSlot;
    int phase;

    void clear()
    {
        kind = null;
        intendedNanos = 0;
        sentNanos = 0;
        request = 0;
        skuIndex = 0;
        user = 0;
        qty = 0;
        attempt = 0;
        retrier = false;
        resubmitter = false;
        orderSlot = -1;
        phase = 0;
    }
}
