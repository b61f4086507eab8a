package io.flashsale.gateway.server;

import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

import io.flashsale.engine.command.CommandResult;
import io.flashsale.gateway.codec.ReplySlot;
import io.flashsale.gateway.ops.GatewayMetrics;
import io.netty.channel.EventLoop;

/**
 * Hands engine results to one event loop without blocking and, once warm, without allocating: the engine thread
 * copies each result into a preallocated {@link ReplySlot} and offers it to a queue; at the end of an engine batch that
 * touched this queue one drain task is scheduled on the event loop (never two pending at once). The drain delivers
 * every slot to its {@link ConnectionReplies}, then flushes each connection that got a reply once, and returns the
 * slots to the pool. The queue keeps that bookkeeping itself; connections never call it back.
 * <p>
 * Threads: {@link #publish} and {@link #endOfBatch} on the engine's business thread (the one producer);
 * {@link #run} on the event loop.
 */
final class ReplyQueue implements Runnable
{
    private final EventLoop eventLoop;
    private final GatewayMetrics metrics;
    private final ManyToOneConcurrentArrayQueue<Reply> ready;
    private final OneToOneConcurrentArrayQueue<Reply> free;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ArrayList<ConnectionReplies> toFlush = new ArrayList<>();
    private boolean touchedInBatch;

    /**
     * A pooled slot and the connection it is for; the target reference is dropped before the entry goes back.
     */
    private static final class Reply
    {
        final ReplySlot slot = new ReplySlot();
        ConnectionReplies target;
    }

    ReplyQueue(final EventLoop eventLoop, final int capacity, final GatewayMetrics metrics)
    {
        this.eventLoop = eventLoop;
        this.metrics = metrics;
        this.ready = new ManyToOneConcurrentArrayQueue<>(capacity);
        this.free = new OneToOneConcurrentArrayQueue<>(capacity);
        for (int i = 0; i < capacity; i++)
        {
            free.offer(new Reply());
        }
    }

    /**
     * @return the event loop this queue delivers on.
     */
    EventLoop eventLoop()
    {
        return eventLoop;
    }

    /**
     * Copy a result for a connection and queue it (engine thread). Allocates only when the pool is empty.
     *
     * @param result the result, valid during the call only.
     * @param target the connection it is for.
     */
    void publish(final CommandResult result, final ConnectionReplies target)
    {
        Reply reply = free.poll();
        if (reply == null)
        {
            metrics.extraReplySlot();
            reply = new Reply();
        }
        reply.slot.copyFrom(result);
        reply.target = target;
        if (!ready.offer(reply))
        {
            final Reply overflow = reply;
            eventLoop.execute(() ->
            {
                deliver(overflow);
                flushTouched();
            });
        }
        touchedInBatch = true;
    }

    /**
     * End of an engine batch (engine thread): if the batch queued anything here, schedule one drain unless one is
     * pending already.
     */
    void endOfBatch()
    {
        if (!touchedInBatch)
        {
            return;
        }
        touchedInBatch = false;
        if (scheduled.compareAndSet(false, true))
        {
            eventLoop.execute(this);
        }
    }

    /**
     * Drain: deliver every ready slot, then flush each connection that got one (event loop).
     */
    @Override
    public void run()
    {
        scheduled.set(false);
        Reply reply;
        while ((reply = ready.poll()) != null)
        {
            deliver(reply);
        }
        flushTouched();
    }

    private void deliver(final Reply reply)
    {
        final ConnectionReplies target = reply.target;
        if (!target.flushQueued)
        {
            target.flushQueued = true;
            toFlush.add(target);
        }
        try
        {
            target.onReply(reply.slot);
        }
        finally
        {
            reply.target = null;
            free.offer(reply);
        }
    }

    private void flushTouched()
    {
        final ArrayList<ConnectionReplies> targets = toFlush;
        for (int i = 0, n = targets.size(); i < n; i++)
        {
            final ConnectionReplies target = targets.get(i);
            target.flushQueued = false;
            target.flush();
        }
        targets.clear();
    }
}
