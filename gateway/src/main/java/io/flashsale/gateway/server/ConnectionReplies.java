package io.flashsale.gateway.server;

import io.flashsale.engine.command.CommandResult;
import io.flashsale.gateway.codec.ReplySlot;

/**
 * The reply side of one connection, and the {@code replyTo} of every command the connection publishes. On the
 * engine's business thread each result is copied into the connection's event-loop {@link ReplyQueue}; the queue's
 * drain then hands the copies back here on the event loop, one by one, and asks once per drain for the writes they
 * caused to be flushed. This class never calls the queue back: the queue keeps its own flush bookkeeping.
 * <p>
 * Threads: {@link #onResult} on the engine's business thread (it touches only the queue, whose reference is final);
 * {@link #onReply} and {@link #flush} on the connection's event loop.
 */
final class ConnectionReplies implements ResultListener
{
    private final ReplyQueue queue;
    private final RequestHandler connection;
    /** Set and cleared by {@link ReplyQueue} only (event loop): this connection is on its list to flush. */
    boolean flushQueued;

    ConnectionReplies(final ReplyQueue queue, final RequestHandler connection)
    {
        this.queue = queue;
        this.connection = connection;
    }

    @Override
    public void onResult(final CommandResult result)
    {
        queue.publish(result, this);
    }

    /**
     * One result, copied (event loop, from the queue's drain).
     *
     * @param slot the copy, valid during the call only.
     */
    void onReply(final ReplySlot slot)
    {
        connection.onReply(slot);
    }

    /**
     * Flush what the replies of this drain wrote (event loop, once per drain).
     */
    void flush()
    {
        connection.flushReplies();
    }
}
