package io.flashsale.gateway.server;

import io.flashsale.gateway.codec.ApiCode;
import io.flashsale.gateway.codec.ResponseEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * How an endpoint answers: the connection's side of the requests the {@link Router} hands out, instead of the
 * connection itself. A request is named by its sequence on the connection. Every sequence handed to an endpoint is
 * answered exactly once: at once with {@link #respond}, or later by the engine's result of the command published with
 * {@link #replyTo()} and that sequence (several results, if {@link #awaitReplies} was called first). Responses are
 * written in request order whatever order they are given in.
 * <p>
 * Event loop of the connection only. A response passed in belongs to the responder from then on (it is written, or
 * released if the connection has closed).
 */
interface Responder
{
    /**
     * @return the connection's buffer allocator, for response bodies.
     */
    ByteBufAllocator alloc();

    /**
     * @return the reply target to publish the request's engine commands with (correlation id: the sequence); each
     *         result comes back on this event loop and becomes the request's response.
     */
    ResultListener replyTo();

    /**
     * Answer a request.
     *
     * @param seq      the request.
     * @param code     its outcome (for metrics).
     * @param response its response; ownership passes to the responder.
     */
    void respond(long seq, ApiCode code, ByteBuf response);

    /**
     * Let several engine results answer a request: each of them goes to the collector, in publication order, and the
     * collector's response answers the request once it has the last one. Call before publishing.
     *
     * @param seq       the request.
     * @param collector its results' collector.
     */
    void awaitReplies(long seq, MultiReply collector);

    /**
     * Answer a request with an error body and the code's standard message.
     *
     * @param seq  the request.
     * @param code the error.
     */
    default void error(final long seq, final ApiCode code)
    {
        respond(seq, code, ResponseEncoder.error(alloc(), code));
    }

    /**
     * Answer a request with an error body.
     *
     * @param seq     the request.
     * @param code    the error.
     * @param message the message (fixed text, never internal detail).
     */
    default void error(final long seq, final ApiCode code, final CharSequence message)
    {
        respond(seq, code, ResponseEncoder.error(alloc(), code, message));
    }
}
