package io.flashsale.gateway.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Sits before the HTTP codec and tells the connection's {@link RequestHandler} when bytes arrive and, after the codec
 * has consumed each read, whether a request has started and not yet arrived completely, so such a request (a slow or
 * stalled client) always runs under the read timeout, also when complete requests came before it in the same read.
 * <p>
 * The codec does not say whether it holds the start of a request line or header block, so the tracker follows the
 * HTTP/1.1 message framing over the same bytes: blank bytes between requests (which the codec skips too), the head up
 * to its empty line, then the body as the codec framed it ({@link RequestHandler#nextBodyFraming()}: Content-Length or
 * chunked, taken from the decoded head rather than parsed again), chunk-size lines, chunk data and trailers, to the end
 * of the request. Heads are scanned line by line ({@code indexOf} LF), bodies are skipped by length. If the bytes
 * cannot be followed (the codec failed on them, and the connection is closing), the connection counts as inside a
 * request from then on. Passes every message on untouched. One per connection; event loop only.
 */
final class ActivityTracker extends ChannelInboundHandlerAdapter
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

    private final RequestHandler handler;
    private State state = State.BETWEEN;
    private boolean started;
    private int line;
    private long remaining;
    private long chunkSize;
    private boolean chunkDigits;
    private boolean chunkSizeEnded;

    ActivityTracker(final RequestHandler handler)
    {
        this.handler = handler;
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        final long now = System.nanoTime();
        handler.bytesArrived(now);
        if (!(msg instanceof ByteBuf))
        {
            ctx.fireChannelRead(msg);
            return;
        }
        final ByteBuf bytes = (ByteBuf)msg;
        final int from = bytes.readerIndex();
        final int to = bytes.writerIndex();
        bytes.retain();
        try
        {
            ctx.fireChannelRead(bytes);
            started = false;
            follow(bytes, from, to);
        }
        finally
        {
            bytes.release();
        }
        handler.readFollowed(state != State.BETWEEN, started, now);
    }

    /**
     * Follow the framing over {@code in[from, to)}, after the codec decoded the same bytes (so every head that ends
     * in them has its body framing queued).
     */
    private void follow(final ByteBuf in, final int from, final int to)
    {
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
                startBody(handler.nextBodyFraming());
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
