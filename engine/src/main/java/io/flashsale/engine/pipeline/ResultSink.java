package io.flashsale.engine.pipeline;

import io.flashsale.engine.command.CommandResult;

/**
 * The caller's port for results. Called on the engine's business thread, in ring order, and only after the journal
 * excerpt holding the command's records was committed: a result handed here is safe to acknowledge.
 * <p>
 * Implementations must not block and must copy what they need: the result view is reused after the call.
 */
public interface ResultSink
{
    /**
     * One command's result.
     *
     * @param result the processed command, valid during the call only.
     */
    void onResult(CommandResult result);

    /**
     * The end of a batch of results: a good moment to wake or flush downstream consumers.
     */
    default void onEndOfBatch()
    {
    }
}
