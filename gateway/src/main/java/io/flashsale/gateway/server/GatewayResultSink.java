package io.flashsale.gateway.server;

import io.flashsale.engine.command.CommandResult;
import io.flashsale.engine.pipeline.ResultSink;
import io.flashsale.gateway.codec.ReplySlot;

/**
 * The gateway's {@link ResultSink}. Results whose reply target is a connection are copied into a slot of that
 * connection's event-loop {@link ReplyQueue}; the queues touched in a batch are woken once at its end. Results for a
 * {@link ResultListener} (admin tasks run off the event loops) are passed to it directly. Results without a target
 * (the engine's own ticks) are ignored.
 * <p>
 * Called on the engine's business thread only; never blocks.
 */
final class GatewayResultSink implements ResultSink
{
    private final ReplyQueue[] touched;
    private int touchedCount;

    GatewayResultSink(final int eventLoops)
    {
        this.touched = new ReplyQueue[eventLoops];
    }

    @Override
    public void onResult(final CommandResult result)
    {
        final Object target = result.replyTo();
        if (target instanceof RequestHandler)
        {
            final RequestHandler handler = (RequestHandler)target;
            final ReplyQueue queue = handler.replyQueue();
            final ReplySlot slot = queue.claim();
            slot.copyFrom(result, handler);
            if (queue.publish(slot))
            {
                touched[touchedCount++] = queue;
            }
        }
        else if (target instanceof ResultListener)
        {
            ((ResultListener)target).onResult(result);
        }
    }

    @Override
    public void onEndOfBatch()
    {
        for (int i = 0; i < touchedCount; i++)
        {
            touched[i].endOfBatch();
            touched[i] = null;
        }
        touchedCount = 0;
    }
}
