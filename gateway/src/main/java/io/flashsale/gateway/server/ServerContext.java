package io.flashsale.gateway.server;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.flashsale.gateway.config.GatewayConfig;
import io.flashsale.gateway.ops.GatewayMetrics;
import io.netty.channel.EventLoop;

/**
 * What every connection's pipeline is built from: settings, metrics, the router, one {@link ReplyQueue} per event
 * loop, and whether the node is stopping. Built once before the port opens; immutable afterwards except the stopping
 * flag. Thread-safe.
 */
final class ServerContext
{
    private final GatewayConfig config;
    private final GatewayMetrics metrics;
    private final Router router;
    private final Map<EventLoop, ReplyQueue> replyQueues = new IdentityHashMap<>();
    private volatile boolean stopping;

    /**
     * @param config  HTTP settings.
     * @param metrics the gateway's counters.
     * @param router  the endpoints.
     * @param queues  one reply queue per event loop.
     */
    ServerContext(
        final GatewayConfig config, final GatewayMetrics metrics, final Router router, final List<ReplyQueue> queues)
    {
        this.config = config;
        this.metrics = metrics;
        this.router = router;
        for (final ReplyQueue queue : queues)
        {
            replyQueues.put(queue.eventLoop(), queue);
        }
    }

    GatewayConfig config()
    {
        return config;
    }

    GatewayMetrics metrics()
    {
        return metrics;
    }

    Router router()
    {
        return router;
    }

    /**
     * @param eventLoop a connection's event loop.
     * @return its reply queue.
     */
    ReplyQueue replyQueue(final EventLoop eventLoop)
    {
        final ReplyQueue queue = replyQueues.get(eventLoop);
        if (queue == null)
        {
            throw new IllegalStateException("no reply queue for event loop " + eventLoop);
        }
        return queue;
    }

    /**
     * @return true once the node is stopping (new requests are answered 503).
     */
    boolean stopping()
    {
        return stopping;
    }

    void stopping(final boolean stopping)
    {
        this.stopping = stopping;
    }
}
