package io.flashsale.gateway.server;

import io.flashsale.engine.command.CommandResult;

/**
 * A reply target that is not a connection: receives its results directly on the engine's business thread.
 * Implementations must not block and must copy what they keep (the result is valid during the call only).
 */
public interface ResultListener
{
    /**
     * @param result one result for this listener.
     */
    void onResult(CommandResult result);
}
