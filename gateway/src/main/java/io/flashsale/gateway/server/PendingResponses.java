package io.flashsale.gateway.server;

import io.flashsale.gateway.codec.ApiCode;
import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;

/**
 * One connection's requests in arrival order, each waiting for its response: HTTP/1.1 pipelining answers in request
 * order, so a response that is ready early waits here until every earlier one was written. A circular array indexed
 * by request sequence; it grows only if a single read delivers more requests than it holds.
 * <p>
 * Event loop of the connection only.
 */
final class PendingResponses
{
    private ByteBuf[] responses;
    private ApiCode[] codes;
    private long[] startNanos;
    private boolean[] closeAfter;
    private boolean[] headOnly;
    private byte[] traffic;
    private MultiReply[] collectors;
    private int mask;
    private long head;
    private long tail;

    PendingResponses(final int expected)
    {
        allocate(Integer.highestOneBit(Math.max(2, expected) * 2 - 1));
    }

    private void allocate(final int capacity)
    {
        responses = new ByteBuf[capacity];
        codes = new ApiCode[capacity];
        startNanos = new long[capacity];
        closeAfter = new boolean[capacity];
        headOnly = new boolean[capacity];
        traffic = new byte[capacity];
        collectors = new MultiReply[capacity];
        mask = capacity - 1;
    }

    /**
     * Append a request.
     *
     * @param nanos      when it arrived.
     * @param close      close the connection after its response.
     * @param headMethod   a HEAD request: its response goes without its body.
     * @param trafficClass whose request it is ({@link io.flashsale.gateway.ops.TrafficClass}).
     * @return its sequence (the correlation id of its engine command).
     */
    long add(final long nanos, final boolean close, final boolean headMethod, final int trafficClass)
    {
        if (tail - head == responses.length)
        {
            grow();
        }
        final long seq = tail++;
        final int i = (int)seq & mask;
        startNanos[i] = nanos;
        closeAfter[i] = close;
        headOnly[i] = headMethod;
        traffic[i] = (byte)trafficClass;
        responses[i] = null;
        codes[i] = null;
        collectors[i] = null;
        return seq;
    }

    private void grow()
    {
        final ByteBuf[] oldResponses = responses;
        final ApiCode[] oldCodes = codes;
        final long[] oldStart = startNanos;
        final boolean[] oldClose = closeAfter;
        final boolean[] oldHead = headOnly;
        final byte[] oldTraffic = traffic;
        final MultiReply[] oldCollectors = collectors;
        final int oldMask = mask;
        allocate(oldResponses.length * 2);
        for (long s = head; s < tail; s++)
        {
            final int from = (int)s & oldMask;
            final int to = (int)s & mask;
            responses[to] = oldResponses[from];
            codes[to] = oldCodes[from];
            startNanos[to] = oldStart[from];
            closeAfter[to] = oldClose[from];
            headOnly[to] = oldHead[from];
            traffic[to] = oldTraffic[from];
            collectors[to] = oldCollectors[from];
        }
    }

    /**
     * @return requests waiting for their response to be written.
     */
    int size()
    {
        return (int)(tail - head);
    }

    /**
     * @param seq a sequence.
     * @return true if it is waiting for its response.
     */
    boolean isPending(final long seq)
    {
        return seq >= head && seq < tail && responses[(int)seq & mask] == null;
    }

    /**
     * Set the response of a waiting request (ownership passes here).
     *
     * @param seq      its sequence.
     * @param code     its outcome.
     * @param response its response.
     */
    void complete(final long seq, final ApiCode code, final ByteBuf response)
    {
        final int i = (int)seq & mask;
        responses[i] = response;
        codes[i] = code;
        collectors[i] = null;
    }

    /**
     * @param seq a waiting request.
     * @return the collector of its results, or null if one result answers it.
     */
    MultiReply collector(final long seq)
    {
        return collectors[(int)seq & mask];
    }

    /**
     * @param seq       a waiting request.
     * @param collector what its several results go to (an admin sale definition).
     */
    void collector(final long seq, final MultiReply collector)
    {
        collectors[(int)seq & mask] = collector;
    }

    /**
     * @return true if the oldest request has its response.
     */
    boolean headReady()
    {
        return head < tail && responses[(int)head & mask] != null;
    }

    /**
     * @return the oldest request's response (after {@link #headReady()}); ownership passes to the caller on
     * {@link #removeHead()}.
     */
    ByteBuf headResponse()
    {
        return responses[(int)head & mask];
    }

    ApiCode headCode()
    {
        return codes[(int)head & mask];
    }

    long headStartNanos()
    {
        return startNanos[(int)head & mask];
    }

    int headTraffic()
    {
        return traffic[(int)head & mask];
    }

    boolean headCloseAfter()
    {
        return closeAfter[(int)head & mask];
    }

    boolean headHeadOnly()
    {
        return headOnly[(int)head & mask];
    }

    /**
     * Drop the oldest request (its response was written).
     */
    void removeHead()
    {
        final int i = (int)head & mask;
        responses[i] = null;
        codes[i] = null;
        collectors[i] = null;
        head++;
    }

    /**
     * Release every response not yet written (connection closed).
     */
    void releaseAll()
    {
        for (long s = head; s < tail; s++)
        {
            final int i = (int)s & mask;
            ReferenceCountUtil.release(responses[i]);
            responses[i] = null;
            collectors[i] = null;
        }
        head = tail;
    }
}
