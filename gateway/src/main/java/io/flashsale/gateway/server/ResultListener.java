package io.flashsale.gateway.server;

import io.flashsale.engine.command.CommandResult;

/**
 * The reply target of every command the gateway publishes: the {@code replyTo} the engine carries through the ring
 * and hands back with the result, which {@link GatewayResultSink} resolves with a single cast. A connection's
 * {@link ConnectionReplies} copies its results over to the connection's event loop; a caller off the event loops (the
 * start-up {@link SaleInstaller}) takes them directly.
 * <p>
 * Called on the engine's business thread, in ring order, once per command. Implementations must not block and must
 * copy what they keep: the result is valid during the call only.
 */
public interface ResultListener
{
    /**
     * @param result one result for this listener.
     */
    void onResult(CommandResult result);
}
