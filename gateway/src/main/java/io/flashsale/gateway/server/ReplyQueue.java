package io.flashsale.gateway.server;

import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

import io.flashsale.gateway.codec.ReplySlot;
import io.flashsale.gateway.ops.GatewayMetrics;
import io.netty.channel.EventLoop;

/**
 * Hands engine results to one event loop without blocking and, once warm, without allocating: the engine thread
 * fills a preallocated {@link ReplySlot} and offers it to an MPSC queue; at the end of each engine batch one drain task
 * is scheduled on the event loop, which delivers every slot to its connection, flushes each touched connection once
 * and returns the slots to the pool.
 * <p>
 * Threads: {@link #claim}, {@link #publish} and {@link #endOfBatch} on the engine's business thread (one producer);
 * {@link #run} and {@link #markDirty} on the event loop.
 */
final class ReplyQueue implements Runnable
{
    private final EventLoop eventLoop;
    private final GatewayMetrics metrics;
    private final ManyToOneConcurrentArrayQueue<ReplySlot> ready;
    private final OneToOneConcurrentArrayQueue<ReplySlot> free;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ArrayList<RequestHandler> dirty = new ArrayList<>();
    private boolean touchedInBatch;

    ReplyQueue(final EventLoop eventLoop, final int capacity, final GatewayMetrics metrics)
    {
        this.eventLoop = eventLoop;
        this.metrics = metrics;
        this.ready = new ManyToOneConcurrentArrayQueue<>(capacity);
        this.free = new OneToOneConcurrentArrayQueue<>(capacity);
        for (int i = 0; i < capacity; i++)
        {
            free.offer(new ReplySlot());
        }
    }

    EventLoop eventLoop()
    {
        return eventLoop;
    }

    /**
     * @return a free slot (engine thread); allocates only when the pool is empty.
     */
    ReplySlot claim()
    {
        final ReplySlot slot = free.poll();
        if (slot != null)
        {
            return slot;
        }
        metrics.extraReplySlot();
        return new ReplySlot();
    }

    /**
     * Queue a filled slot (engine thread).
     *
     * @param slot the slot.
     * @return true the first time in the current engine batch (the caller then remembers to call
     * {@link #endOfBatch}).
     */
    boolean publish(final ReplySlot slot)
    {
        if (!ready.offer(slot))
        {
            eventLoop.execute(() ->
            {
                deliver(slot);
                flushDirty();
            });
        }
        if (touchedInBatch)
        {
            return false;
        }
        touchedInBatch = true;
        return true;
    }

    /**
     * End of an engine batch that touched this queue: schedule one drain unless one is pending (engine thread).
     */
    void endOfBatch()
    {
        touchedInBatch = false;
        if (scheduled.compareAndSet(false, true))
        {
            eventLoop.execute(this);
        }
    }

    /**
     * Drain: deliver every ready slot, flush each connection that got a response (event loop).
     */
    @Override
    public void run()
    {
        scheduled.set(false);
        ReplySlot slot;
        while ((slot = ready.poll()) != null)
        {
            deliver(slot);
        }
        flushDirty();
    }

    private void flushDirty()
    {
        final ArrayList<RequestHandler> handlers = dirty;
        for (int i = 0, n = handlers.size(); i < n; i++)
        {
            handlers.get(i).flushReplies();
        }
        handlers.clear();
    }

    private void deliver(final ReplySlot slot)
    {
        final RequestHandler handler = (RequestHandler)slot.target();
        try
        {
            handler.onReply(slot);
        }
        finally
        {
            slot.clear();
            free.offer(slot);
        }
    }

    /**
     * Remember a connection to flush at the end of this drain (event loop).
     *
     * @param handler the connection.
     */
    void markDirty(final RequestHandler handler)
    {
        dirty.add(handler);
    }
}
