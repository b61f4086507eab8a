package io.flashsale.gateway.server;

import java.util.IdentityHashMap;
import java.util.Map;

import io.flashsale.engine.pipeline.CommandPublisher;
import io.flashsale.engine.pipeline.Engine;
import io.flashsale.gateway.config.GatewayConfig;
import io.flashsale.gateway.config.SaleNames;
import io.flashsale.gateway.ops.GatewayMetrics;
import io.netty.channel.EventLoop;

/**
 * What every connection shares: settings, the engine and its publisher, metrics, the router and one
 * {@link ReplyQueue} per event loop. Built once before the port opens; immutable afterwards except the stopping flag.
 * Thread-safe.
 */
final class ServerContext
{
    private final GatewayConfig config;
    private final Engine engine;
    private final GatewayMetrics metrics;
    private final SaleNames names;
    private final Map<EventLoop, ReplyQueue> replyQueues = new IdentityHashMap<>();
    private Router router;
    private volatile boolean stopping;

    ServerContext(final GatewayConfig config, final Engine engine, final GatewayMetrics metrics, final SaleNames names)
    {
        this.config = config;
        this.engine = engine;
        this.metrics = metrics;
        this.names = names;
    }

    void addReplyQueue(final ReplyQueue queue)
    {
        replyQueues.put(queue.eventLoop(), queue);
    }

    void router(final Router router)
    {
        this.router = router;
    }

    GatewayConfig config()
    {
        return config;
    }

    Engine engine()
    {
        return engine;
    }

    CommandPublisher publisher()
    {
        return engine.publisher();
    }

    GatewayMetrics metrics()
    {
        return metrics;
    }

    SaleNames names()
    {
        return names;
    }

    Router router()
    {
        return router;
    }

    ReplyQueue replyQueue(final EventLoop eventLoop)
    {
        final ReplyQueue queue = replyQueues.get(eventLoop);
        if (queue == null)
        {
            throw new IllegalStateException("no reply queue for event loop " + eventLoop);
        }
        return queue;
    }

    boolean stopping()
    {
        return stopping;
    }

    void stopping(final boolean stopping)
    {
        this.stopping = stopping;
    }
}
