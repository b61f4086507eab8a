package io.flashsale.gateway.server;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Where a connection stands in the HTTP/1.1 request framing, followed over the raw bytes the codec decodes: between
 * requests, or inside one that has started (at least one byte of it) and not yet arrived completely. The codec does
 * not say whether it holds the start of a request line or header block, so this follows the framing over the same
 * bytes: blank bytes between requests (which the codec skips too), the head up to its empty line, then the body as the
 * codec framed it (Content-Length or chunked, taken from the decoded head via {@link #headDecoded} rather than parsed
 * again), chunk-size lines, chunk data and trailers, to the end of the request. Heads are scanned line by line
 * ({@code indexOf} LF), bodies are skipped by length. If the bytes cannot be followed (the codec failed on them, and
 * the connection is closing), the connection counts as inside a request from then on.
 * <p>
 * Plain state, no channel: one per connection, event loop only. Allocation-free unless more than eight decoded heads
 * wait for their bytes to be followed.
 */
final class RequestFraming
{
    /** Body framing of a chunked request. */
    static final long CHUNKED = -1;
    /** No decoded head to match the bytes. */
    static final long UNKNOWN = -2;

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final int LINE_START = 0;
    private static final int LINE_CR = 1;
    private static final int LINE_TEXT = 2;

    private enum State
    {
        /** Between requests: skipping the blank and control bytes the codec skips. */
        BETWEEN,
        /** In the request line or a header line. */
        HEAD,
        /** In a Content-Length body. */
        BODY,
        /** In a chunk-size line (hex size, optional extensions). */
        CHUNK_SIZE,
        /** In chunk data. */
        CHUNK_DATA,
        /** In the line break after chunk data. */
        CHUNK_END,
        /** After the last chunk: trailer lines up to the empty line. */
        TRAILERS,
        /** The bytes no longer match a decoded request. */
        LOST
    }

    private State state = State.BETWEEN;
    private boolean started;
    private int line;
    private long remaining;
    private long chunkSize;
    private boolean chunkDigits;
    private boolean chunkSizeEnded;
    private long[] framings = new long[8];
    private int framingsHead;
    private int framingsCount;

    /**
     * @param head a decoded request head.
     * @return its body framing: the Content-Length (0: no body), {@link #CHUNKED}, or {@link #UNKNOWN} if the codec
     *         failed on it.
     */
    static long bodyFraming(final HttpRequest head)
    {
        if (head.decoderResult().isFailure())
        {
            return UNKNOWN;
        }
        if (HttpUtil.isTransferEncodingChunked(head))
        {
            return CHUNKED;
        }
        return Math.max(0, HttpUtil.getContentLength(head, 0L));
    }

    /**
     * The codec decoded a head: remember its framing for when the bytes are followed to its end. Heads are matched
     * to the bytes in decode order.
     *
     * @param framing its {@link #bodyFraming}.
     */
    void headDecoded(final long framing)
    {
        if (framingsCount == framings.length)
        {
            final long[] grown = new long[framings.length * 2];
            for (int i = 0; i < framingsCount; i++)
            {
                grown[i] = framings[(framingsHead + i) & (framings.length - 1)];
            }
            framings = grown;
            framingsHead = 0;
        }
        framings[(framingsHead + framingsCount) & (framings.length - 1)] = framing;
        framingsCount++;
    }

    private long nextFraming()
    {
        if (framingsCount == 0)
        {
            return UNKNOWN;
        }
        final long framing = framings[framingsHead];
        framingsHead = (framingsHead + 1) & (framings.length - 1);
        framingsCount--;
        return framing;
    }

    /**
     * @return true if a request has started and has not arrived completely.
     */
    boolean insideRequest()
    {
        return state != State.BETWEEN;
    }

    /**
     * @return true if the last {@link #follow} saw the first byte of a request.
     */
    boolean startedRequest()
    {
        return started;
    }

    /**
     * Follow the framing over {@code in[from, to)}, after the codec decoded the same bytes (so every head that ends
     * in them has had its {@link #headDecoded}).
     *
     * @param in   the bytes.
     * @param from first index.
     * @param to   end index (exclusive).
     */
    void follow(final ByteBuf in, final int from, final int to)
    {
        started = false;
        int i = from;
        while (i < to)
        {
            switch (state)
            {
                case BETWEEN:
                    i = skipBlank(in, i, to);
                    break;
                case HEAD:
                case TRAILERS:
                    i = headerLine(in, i, to);
                    break;
                case BODY:
                case CHUNK_DATA:
                    i = skipData(i, to);
                    break;
                case CHUNK_SIZE:
                    i = chunkSizeLine(in, i, to);
                    break;
                case CHUNK_END:
                    i = chunkEnd(in, i, to);
                    break;
                default:
                    return;
            }
        }
    }

    private int skipBlank(final ByteBuf in, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            final int b = in.getByte(i) & 0xFF;
            if (b > ' ' && b != 0x7F)
            {
                state = State.HEAD;
                line = LINE_TEXT;
                started = true;
                return i + 1;
            }
        }
        return to;
    }

    /**
     * The rest of a head or trailer line; an empty line ({@code LF} or {@code CR LF} alone) ends the head or trailers.
     */
    private int headerLine(final ByteBuf in, final int from, final int to)
    {
        final int lf = in.indexOf(from, to, LF);
        final int end = lf < 0 ? to : lf;
        if (end > from)
        {
            line = line == LINE_START && end - from == 1 && in.getByte(from) == CR ? LINE_CR : LINE_TEXT;
        }
        if (lf < 0)
        {
            return to;
        }
        final boolean empty = line != LINE_TEXT;
        line = LINE_START;
        if (empty)
        {
            if (state == State.TRAILERS)
            {
                state = State.BETWEEN;
            }
            else
            {
                startBody(nextFraming());
            }
        }
        return lf + 1;
    }

    private void startBody(final long framing)
    {
        if (framing == 0)
        {
            state = State.BETWEEN;
        }
        else if (framing > 0)
        {
            state = State.BODY;
            remaining = framing;
        }
        else if (framing == CHUNKED)
        {
            startChunkSize();
        }
        else
        {
            state = State.LOST;
        }
    }

    private int skipData(final int from, final int to)
    {
        final int n = (int)Math.min(remaining, to - from);
        remaining -= n;
        if (remaining == 0)
        {
            state = state == State.BODY ? State.BETWEEN : State.CHUNK_END;
        }
        return from + n;
    }

    private void startChunkSize()
    {
        state = State.CHUNK_SIZE;
        chunkSize = 0;
        chunkDigits = false;
        chunkSizeEnded = false;
    }

    /**
     * A chunk-size line: optional blanks, hex digits, then anything (extensions) up to LF. Size 0 is the last chunk.
     */
    private int chunkSizeLine(final ByteBuf in, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            final byte b = in.getByte(i);
            if (b == LF)
            {
                if (chunkSize == 0)
                {
                    state = State.TRAILERS;
                    line = LINE_START;
                }
                else
                {
                    state = State.CHUNK_DATA;
                    remaining = chunkSize;
                }
                return i + 1;
            }
            final int digit = chunkSizeEnded ? -1 : hexDigit(b);
            if (digit >= 0)
            {
                chunkDigits = true;
                chunkSize = chunkSize * 16 + digit;
                if (chunkSize > Integer.MAX_VALUE)
                {
                    state = State.LOST;
                    return to;
                }
            }
            else if (chunkDigits)
            {
                chunkSizeEnded = true;
            }
        }
        return to;
    }

    private int chunkEnd(final ByteBuf in, final int from, final int to)
    {
        final int lf = in.indexOf(from, to, LF);
        if (lf < 0)
        {
            return to;
        }
        startChunkSize();
        return lf + 1;
    }

    private static int hexDigit(final byte b)
    {
        if (b >= '0' && b <= '9')
        {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f')
        {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F')
        {
            return b - 'A' + 10;
        }
        return -1;
    }
}
