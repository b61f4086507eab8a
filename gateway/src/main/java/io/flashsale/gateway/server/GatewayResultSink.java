package io.flashsale.gateway.server;

import io.flashsale.engine.command.CommandResult;
import io.flashsale.engine.pipeline.ResultSink;

/**
 * The gateway's {@link ResultSink}. Every command the gateway publishes carries a {@link ResultListener} as its reply
 * target, resolved here with one cast: a connection's listener copies the result over to its event loop's
 * {@link ReplyQueue}, a start-up caller takes it directly. Results without a target (the engine's own ticks) are
 * ignored. At the end of each batch every event loop's queue is told; a queue the batch touched schedules one drain.
 * <p>
 * Called on the engine's business thread only; never blocks, never allocates.
 */
final class GatewayResultSink implements ResultSink
{
    private final ReplyQueue[] queues;

    /**
     * @param queues one per event loop (the array is kept, not copied).
     */
    GatewayResultSink(final ReplyQueue[] queues)
    {
        this.queues = queues;
    }

    @Override
    public void onResult(final CommandResult result)
    {
        final Object target = result.replyTo();
        if (target != null)
        {
            ((ResultListener)target).onResult(result);
        }
    }

    @Override
    public void onEndOfBatch()
    {
        for (final ReplyQueue queue : queues)
        {
            queue.endOfBatch();
        }
    }
}
