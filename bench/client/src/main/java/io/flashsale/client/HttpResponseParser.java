package io.flashsale.client;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;

/**
 * A minimal HTTP/1.1 response parser for an event loop (the load generator, the HTTP benchmark): status line,
 * {@code Content-Length} and {@code Retry-After} headers, fixed-length body. Hands each complete response to a
 * {@link ResponseListener} without creating message objects. Chunked transfer encoding is rejected (the gateway sends
 * lengths). Its blocking, strict counterpart for harnesses and tests is {@link ResponseReader}.
 */
public class HttpResponseParser extends ByteToMessageDecoder
{
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RETRY_AFTER = "retry-after:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRANSFER_ENCODING = "transfer-encoding:".getBytes(StandardCharsets.US_ASCII);

    private final ResponseListener listener;

    /**
     * @param listener receives each response.
     */
    public HttpResponseParser(final ResponseListener listener)
    {
        this.listener = listener;
    }

    @Override
    protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out)
    {
        while (in.isReadable())
        {
            final int start = in.readerIndex();
            final int headerEnd = findHeaderEnd(in, start);
            if (headerEnd < 0)
            {
                if (in.readableBytes() > MAX_HEADER_BYTES)
                {
                    in.skipBytes(in.readableBytes());
                    throw new DecoderException("response header too long");
                }
                return;
            }
            final int status = parseStatus(in, start);
            int contentLength = 0;
            int retryAfter = -1;
            int line = lineAfter(in, start, headerEnd);
            while (line >= 0 && line < headerEnd)
            {
                if (startsWithIgnoreCase(in, line, headerEnd, CONTENT_LENGTH))
                {
                    contentLength = (int)number(in, line + CONTENT_LENGTH.length, headerEnd);
                }
                else if (startsWithIgnoreCase(in, line, headerEnd, RETRY_AFTER))
                {
                    retryAfter = (int)number(in, line + RETRY_AFTER.length, headerEnd);
                }
                else if (startsWithIgnoreCase(in, line, headerEnd, TRANSFER_ENCODING))
                {
                    in.skipBytes(in.readableBytes());
                    throw new DecoderException("chunked responses are not supported by the load generator");
                }
                line = lineAfter(in, line, headerEnd);
            }
            final int bodyStart = headerEnd + 4;
            if (in.writerIndex() - bodyStart < contentLength)
            {
                return;
            }
            final ByteBuf body = in.slice(bodyStart, contentLength);
            in.readerIndex(bodyStart + contentLength);
            listener.onResponse(status, retryAfter, body);
        }
    }

    private static int findHeaderEnd(final ByteBuf in, final int from)
    {
        final int last = in.writerIndex() - 4;
        for (int i = from; i <= last; i++)
        {
            if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n' && in.getByte(i + 2) == '\r' &&
                in.getByte(i + 3) == '\n')
            {
                return i;
            }
        }
        return -1;
    }

    private static int parseStatus(final ByteBuf in, final int start)
    {
        int i = start;
        while (in.getByte(i) != ' ')
        {
            i++;
        }
        return (in.getByte(i + 1) - '0') * 100 + (in.getByte(i + 2) - '0') * 10 + (in.getByte(i + 3) - '0');
    }

    private static int lineAfter(final ByteBuf in, final int from, final int headerEnd)
    {
        for (int i = from; i < headerEnd; i++)
        {
            if (in.getByte(i) == '\n')
            {
                return i + 1;
            }
        }
        return headerEnd;
    }

    private static boolean startsWithIgnoreCase(
        final ByteBuf in, final int at, final int limit, final byte[] lowerName)
    {
        if (at + lowerName.length > limit)
        {
            return false;
        }
        for (int k = 0; k < lowerName.length; k++)
        {
            final int b = in.getByte(at + k);
            final int lower = b >= 'A' && b <= 'Z' ? b + 32 : b;
            if (lower != lowerName[k])
            {
                return false;
            }
        }
        return true;
    }

    private static long number(final ByteBuf in, final int from, final int limit)
    {
        int i = from;
        while (i < limit && in.getByte(i) == ' ')
        {
            i++;
        }
        long value = 0;
        while (i < limit)
        {
            final byte b = in.getByte(i);
            if (b < '0' || b > '9')
            {
                break;
            }
            value = value * 10 + (b - '0');
            i++;
        }
        return value;
    }
}
