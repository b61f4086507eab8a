package io.flashsale.gateway.server;

import io.flashsale.engine.command.CommandResult;
import io.flashsale.gateway.codec.ApiCode;
import io.flashsale.gateway.codec.ReplySlot;

/**
 * The reply side of one connection, and the {@code replyTo} of every command the connection publishes. On the
 * engine's business thread each result is copied into the connection's event-loop {@link ReplyQueue}; the queue's
 * drain hands the copies back here on the event loop, where each becomes its request's response (or goes to the
 * request's {@link MultiReply}), and asks once per drain for the writes they caused to be flushed. One way: this class
 * never calls the queue back, and the {@link ResponseSequencer} never calls this class.
 * <p>
 * Threads: {@link #onResult} on the engine's business thread (it touches only the queue, whose reference is final);
 * {@link #onReply} and {@link #flush} on the connection's event loop.
 */
final class ConnectionReplies implements ResultListener
{
    private final ReplyQueue queue;
    private final ResponseSequencer responses;
    /** Set and cleared by {@link ReplyQueue} only (event loop): this connection is on the drain's list to flush. */
    boolean flushQueued;

    ConnectionReplies(final ReplyQueue queue, final ResponseSequencer responses)
    {
        this.queue = queue;
        this.responses = responses;
    }

    @Override
    public void onResult(final CommandResult result)
    {
        queue.publish(result, this);
    }

    /**
     * One result, copied (event loop, from the queue's drain). A result for a request that no longer waits (the
     * connection closed) is dropped.
     *
     * @param slot the copy, valid during the call only.
     */
    void onReply(final ReplySlot slot)
    {
        final long seq = slot.correlationId();
        if (!responses.waiting(seq))
        {
            return;
        }
        final MultiReply collector = responses.collector(seq);
        if (collector != null)
        {
            if (collector.onReply(slot))
            {
                responses.respond(seq, collector.code(), collector.response(responses.alloc()));
            }
            return;
        }
        final ApiCode code = OrderReplies.code(slot);
        responses.respond(seq, code, OrderReplies.encode(responses.alloc(), slot, code));
    }

    /**
     * Flush what the replies of this drain wrote (event loop, once per drain).
     */
    void flush()
    {
        responses.flushWrites();
    }
}
