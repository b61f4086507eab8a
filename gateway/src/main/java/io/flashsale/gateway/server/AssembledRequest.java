package io.flashsale.gateway.server;

import io.flashsale.gateway.codec.ApiCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;

/**
 * One request as {@link BodyAssembler} hands it on: complete (its head and whole body), or refused (the error to
 * answer it with; its body is not read). {@link ResponseSequencer} gives it its sequence and responder and passes a
 * complete one on to {@link RequestDispatcher}.
 * <p>
 * One instance per connection, reused for every request so the hand-over allocates nothing: a stage uses it only
 * during its {@code channelRead} and never keeps it. The body belongs to the stage holding the message; the last one
 * to take it (the dispatcher, or the sequencer when it answers the request itself) releases it. Event loop only.
 */
final class AssembledRequest
{
    private HttpRequest head;
    private ByteBuf body = Unpooled.EMPTY_BUFFER;
    private ApiCode refusal;
    private boolean closeAfter;
    private long startNanos;
    private long seq;
    private Responder responder;

    /**
     * @param head       the request head.
     * @param body       its whole body (ownership passes with the message).
     * @param startNanos when the request started arriving ({@link System#nanoTime()}).
     * @param closeAfter the client asked to close the connection after its response.
     * @return this.
     */
    AssembledRequest complete(final HttpRequest head, final ByteBuf body, final long startNanos,
        final boolean closeAfter)
    {
        this.head = head;
        this.body = body;
        this.refusal = null;
        this.startNanos = startNanos;
        this.closeAfter = closeAfter;
        this.responder = null;
        return this;
    }

    /**
     * @param refusal    the error to answer with.
     * @param startNanos when the request started arriving ({@link System#nanoTime()}).
     * @param closeAfter close the connection after the response.
     * @return this.
     */
    AssembledRequest refused(final ApiCode refusal, final long startNanos, final boolean closeAfter)
    {
        this.head = null;
        this.body = Unpooled.EMPTY_BUFFER;
        this.refusal = refusal;
        this.startNanos = startNanos;
        this.closeAfter = closeAfter;
        this.responder = null;
        return this;
    }

    /**
     * Set by the sequencer before the request goes on to the dispatcher.
     *
     * @param seq       the request's sequence on the connection.
     * @param responder who answers it.
     */
    void sequenced(final long seq, final Responder responder)
    {
        this.seq = seq;
        this.responder = responder;
    }

    /**
     * Release the body and drop the references (the message is done with).
     */
    void clear()
    {
        body.release();
        body = Unpooled.EMPTY_BUFFER;
        head = null;
        responder = null;
    }

    /**
     * @return the head (null if refused).
     */
    HttpRequest head()
    {
        return head;
    }

    /**
     * @return the whole body (empty if none, or if refused).
     */
    ByteBuf body()
    {
        return body;
    }

    /**
     * @return the error to answer with, or null for a complete request.
     */
    ApiCode refusal()
    {
        return refusal;
    }

    /**
     * @return true for a {@code HEAD} request (its response goes without a body).
     */
    boolean headMethod()
    {
        return head != null && HttpMethod.HEAD.equals(head.method());
    }

    /**
     * @return close the connection after this request's response.
     */
    boolean closeAfter()
    {
        return closeAfter;
    }

    /**
     * @return when the request started arriving ({@link System#nanoTime()}).
     */
    long startNanos()
    {
        return startNanos;
    }

    /**
     * @return the request's sequence (after {@link #sequenced}).
     */
    long seq()
    {
        return seq;
    }

    /**
     * @return who answers it (after {@link #sequenced}).
     */
    Responder responder()
    {
        return responder;
    }
}
