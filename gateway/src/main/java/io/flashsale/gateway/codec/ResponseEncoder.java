package io.flashsale.gateway.codec;

import io.flashsale.engine.command.Detail;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.AsciiString;

/**
 * Encodes API responses, status line, headers and body, into one pooled buffer each, ready for the socket: no
 * response or header objects. Bodies are written byte by byte from primitive fields (no intermediate strings on the
 * order path). Every response carries {@code content-type} and {@code content-length}; {@code retry-after: 1} goes
 * with OVERLOADED and UNAVAILABLE, {@code www-authenticate: Bearer} with UNAUTHORIZED. Whoever writes a response to
 * the channel hands ownership of the buffer to Netty. Stateless; any thread.
 */
public final class ResponseEncoder
{
    /** {@code application/json}. */
    public static final AsciiString JSON = AsciiString.cached("application/json");
    /** {@code text/plain; version=0.0.4; charset=utf-8} (Prometheus text exposition). */
    public static final AsciiString PROMETHEUS = AsciiString.cached("text/plain; version=0.0.4; charset=utf-8");
    /** {@code text/plain; charset=utf-8}. */
    public static final AsciiString TEXT = AsciiString.cached("text/plain; charset=utf-8");
    /** {@code text/html; charset=utf-8}. */
    public static final AsciiString HTML = AsciiString.cached("text/html; charset=utf-8");
    private static final byte[] CRLF = JsonOut.ascii("\r\n");
    private static final byte[] CONTENT_TYPE = JsonOut.ascii("content-type: ");
    private static final byte[] CONTENT_LENGTH = JsonOut.ascii("\r\ncontent-length: ");
    private static final byte[] RETRY_AFTER = JsonOut.ascii("retry-after: 1\r\n");
    private static final byte[] WWW_AUTHENTICATE = JsonOut.ascii("www-authenticate: Bearer\r\n");
    private static final byte[] CONNECTION_CLOSE = JsonOut.ascii("connection: close\r\n");
    private static final byte[] COLON = JsonOut.ascii(": ");
    private static final byte[] CONTINUE = JsonOut.ascii("HTTP/1.1 100 Continue\r\n\r\n");
    private static final int STATUS_OFFSET = "HTTP/1.1 ".length();
    private static final int HEAD_BYTES = 160;

    private static final byte[] ORDER_ID = JsonOut.ascii("{\"orderId\":");
    private static final byte[] STATUS = JsonOut.ascii(",\"status\":\"");
    private static final byte[] SKU = JsonOut.ascii("\",\"sku\":");
    private static final byte[] USER = JsonOut.ascii(",\"user\":");
    private static final byte[] QTY = JsonOut.ascii(",\"qty\":");
    private static final byte[] PRICE = JsonOut.ascii(",\"price\":");
    private static final byte[] DEADLINE = JsonOut.ascii(",\"paymentDeadline\":");
    private static final byte[] REQUEST_ID = JsonOut.ascii(",\"requestId\":");
    private static final byte[] DUPLICATE = JsonOut.ascii(",\"duplicate\":true");
    private static final byte[] CODE = JsonOut.ascii("{\"code\":");
    private static final byte[] MESSAGE = JsonOut.ascii(",\"message\":");
    private static final byte[] SKU_OPEN = JsonOut.ascii("{\"sku\":");
    private static final byte[] SALE = JsonOut.ascii(",\"sale\":");
    private static final byte[] STORE = JsonOut.ascii(",\"store\":");
    private static final byte[] LIMIT = JsonOut.ascii(",\"limit\":");
    private static final byte[] AVAILABLE = JsonOut.ascii(",\"available\":");
    private static final byte[] HELD = JsonOut.ascii(",\"held\":");
    private static final byte[] SOLD = JsonOut.ascii(",\"sold\":");
    private static final byte[] TOTAL = JsonOut.ascii(",\"total\":");
    private static final byte[] STATE_MESSAGE = JsonOut.ascii(",\"message\":\"order is ");

    private ResponseEncoder()
    {
    }

    /**
     * An order body: {@code {"orderId":..,"status":..,"sku":..,"user":..,"qty":..,"price":..,"paymentDeadline":..}}
     * plus {@code requestId} when the result carries one and {@code "duplicate":true} for a repeated request id.
     *
     * @param alloc     buffer allocator (the channel's).
     * @param code      RESERVED (201), DUPLICATE, OK, PAID or CANCELLED (200).
     * @param s         the result.
     * @return the response.
     */
    public static ByteBuf order(final ByteBufAllocator alloc, final ApiCode code, final ReplySlot s)
    {
        final ByteBuf b = alloc.buffer(256);
        JsonOut.writeRaw(b, ORDER_ID);
        JsonOut.writeLong(b, s.orderId);
        JsonOut.writeRaw(b, STATUS);
        JsonOut.writeRaw(b, OrderStates.ascii(s.orderState));
        JsonOut.writeRaw(b, SKU);
        JsonOut.writeLong(b, s.skuId);
        JsonOut.writeRaw(b, USER);
        JsonOut.writeLong(b, s.userId);
        JsonOut.writeRaw(b, QTY);
        JsonOut.writeLong(b, s.quantity);
        JsonOut.writeRaw(b, PRICE);
        JsonOut.writeLong(b, s.price);
        JsonOut.writeRaw(b, DEADLINE);
        JsonOut.writeLong(b, s.deadline);
        if (s.requestIdLength > 0)
        {
            JsonOut.writeRaw(b, REQUEST_ID);
            JsonOut.writeString(b, s.requestId, 0, Math.min(s.requestIdLength, s.requestId.length));
        }
        if (code == ApiCode.DUPLICATE)
        {
            JsonOut.writeRaw(b, DUPLICATE);
        }
        b.writeByte('}');
        return response(code, b);
    }

    /**
     * A SKU body: {@code {"sku","sale","store","price","limit","available","held","sold","total"}}.
     *
     * @param alloc buffer allocator.
     * @param s     a QUERY_SKU result.
     * @return the 200 response.
     */
    public static ByteBuf sku(final ByteBufAllocator alloc, final ReplySlot s)
    {
        final ByteBuf b = alloc.buffer(256);
        JsonOut.writeRaw(b, SKU_OPEN);
        JsonOut.writeLong(b, s.skuId);
        JsonOut.writeRaw(b, SALE);
        JsonOut.writeLong(b, s.saleId);
        JsonOut.writeRaw(b, STORE);
        JsonOut.writeLong(b, s.storeId);
        JsonOut.writeRaw(b, PRICE);
        JsonOut.writeLong(b, s.price);
        JsonOut.writeRaw(b, LIMIT);
        JsonOut.writeLong(b, s.limit);
        stockFields(b, s);
        b.writeByte('}');
        return response(ApiCode.OK, b);
    }

    /**
     * A stock body after a restock: {@code {"sku","available","held","sold","total"}}.
     *
     * @param alloc buffer allocator.
     * @param s     a RESTOCK result.
     * @return the 200 response.
     */
    public static ByteBuf stock(final ByteBufAllocator alloc, final ReplySlot s)
    {
        final ByteBuf b = alloc.buffer(128);
        JsonOut.writeRaw(b, SKU_OPEN);
        JsonOut.writeLong(b, s.skuId);
        stockFields(b, s);
        b.writeByte('}');
        return response(ApiCode.OK, b);
    }

    private static void stockFields(final ByteBuf b, final ReplySlot s)
    {
        JsonOut.writeRaw(b, AVAILABLE);
        JsonOut.writeLong(b, s.available);
        JsonOut.writeRaw(b, HELD);
        JsonOut.writeLong(b, s.held);
        JsonOut.writeRaw(b, SOLD);
        JsonOut.writeLong(b, s.sold);
        JsonOut.writeRaw(b, TOTAL);
        JsonOut.writeLong(b, s.total);
    }

    /**
     * The 409 for an order whose state forbids the change: the message says its current state.
     *
     * @param alloc buffer allocator.
     * @param s     the result (carries the order's state).
     * @return the response.
     */
    public static ByteBuf invalidState(final ByteBufAllocator alloc, final ReplySlot s)
    {
        final ByteBuf b = alloc.buffer(96);
        JsonOut.writeRaw(b, CODE);
        JsonOut.writeRaw(b, ApiCode.INVALID_STATE.jsonName());
        JsonOut.writeRaw(b, STATE_MESSAGE);
        JsonOut.writeRaw(b, OrderStates.ascii(s.orderState));
        b.writeByte('"');
        b.writeByte('}');
        return response(ApiCode.INVALID_STATE, b);
    }

    /**
     * An engine rejection: {@code {"code":..,"message":..}}, the message from the result's {@link Detail} when it has
     * one.
     *
     * @param alloc buffer allocator.
     * @param s     the result.
     * @return the response.
     */
    public static ByteBuf rejection(final ByteBufAllocator alloc, final ReplySlot s)
    {
        final ApiCode code = ApiCode.of(s.result);
        final String text = Detail.text(s.detail);
        return error(alloc, code, text.isEmpty() ? Messages.of(code) : text);
    }

    /**
     * An error body {@code {"code":..,"message":..}} with the code's status (and {@code Retry-After: 1} for
     * OVERLOADED, {@code WWW-Authenticate: Bearer} for UNAUTHORIZED).
     *
     * @param alloc   buffer allocator.
     * @param code    the outcome.
     * @param message client-safe text.
     * @return the response.
     */
    public static ByteBuf error(final ByteBufAllocator alloc, final ApiCode code, final CharSequence message)
    {
        return response(code, errorBody(alloc, code, message));
    }

    /**
     * The body alone of {@link #error(ByteBufAllocator, ApiCode, CharSequence)}, for a response with more headers.
     *
     * @param alloc   buffer allocator.
     * @param code    the outcome.
     * @param message client-safe text.
     * @return the JSON body.
     */
    public static ByteBuf errorBody(final ByteBufAllocator alloc, final ApiCode code, final CharSequence message)
    {
        final ByteBuf b = alloc.buffer(64 + message.length());
        JsonOut.writeRaw(b, CODE);
        JsonOut.writeRaw(b, code.jsonName());
        JsonOut.writeRaw(b, MESSAGE);
        JsonOut.writeString(b, message);
        b.writeByte('}');
        return b;
    }

    /**
     * The body alone of {@link #error(ByteBufAllocator, ApiCode)}.
     *
     * @param alloc buffer allocator.
     * @param code  the outcome.
     * @return the JSON body.
     */
    public static ByteBuf errorBody(final ByteBufAllocator alloc, final ApiCode code)
    {
        return errorBody(alloc, code, Messages.of(code));
    }

    /**
     * An error with the default message of its code.
     *
     * @param alloc buffer allocator.
     * @param code  the outcome.
     * @return the response.
     */
    public static ByteBuf error(final ByteBufAllocator alloc, final ApiCode code)
    {
        return error(alloc, code, Messages.of(code));
    }

    /**
     * A JSON response around a body already written.
     *
     * @param code the outcome (gives the status).
     * @param body the JSON body; ownership passes to the response.
     * @return the response.
     */
    public static ByteBuf response(final ApiCode code, final ByteBuf body)
    {
        return content(code, JSON, body);
    }

    /**
     * A response of any content type.
     *
     * @param code        the outcome (gives the status).
     * @param contentType a cached content type.
     * @param body        the body; ownership passes to the response.
     * @return the response.
     */
    public static ByteBuf content(final ApiCode code, final AsciiString contentType, final ByteBuf body)
    {
        return content(code, contentType, body, null, null);
    }

    /**
     * A response of any content type with one more header.
     *
     * @param code        the outcome (gives the status).
     * @param contentType a cached content type.
     * @param body        the body; ownership passes to the response.
     * @param name        a further header's name (lower case), or null for none.
     * @param value       its value.
     * @return the response: status line, headers and body in one buffer from the body's allocator.
     */
    public static ByteBuf content(
        final ApiCode code, final AsciiString contentType, final ByteBuf body, final AsciiString name,
        final AsciiString value)
    {
        final int length = body.readableBytes();
        final int extra = name == null ? 0 : name.length() + value.length();
        final ByteBuf r = body.alloc().buffer(HEAD_BYTES + extra + length);
        r.writeBytes(code.statusLine());
        r.writeBytes(CONTENT_TYPE);
        ByteBufUtil.copy(contentType, r);
        r.writeBytes(CONTENT_LENGTH);
        JsonOut.writeLong(r, length);
        r.writeBytes(CRLF);
        if (code == ApiCode.OVERLOADED || code == ApiCode.UNAVAILABLE)
        {
            r.writeBytes(RETRY_AFTER);
        }
        else if (code == ApiCode.UNAUTHORIZED)
        {
            r.writeBytes(WWW_AUTHENTICATE);
        }
        if (name != null)
        {
            ByteBufUtil.copy(name, r);
            r.writeBytes(COLON);
            ByteBufUtil.copy(value, r);
            r.writeBytes(CRLF);
        }
        r.writeBytes(CRLF);
        r.writeBytes(body, body.readerIndex(), length);
        body.release();
        return r;
    }

    /**
     * The interim {@code 100 Continue}.
     *
     * @param alloc buffer allocator.
     * @return the response.
     */
    public static ByteBuf continueResponse(final ByteBufAllocator alloc)
    {
        return alloc.buffer(CONTINUE.length).writeBytes(CONTINUE);
    }

    /**
     * @param response an encoded response.
     * @return its status code.
     */
    public static int statusCode(final ByteBuf response)
    {
        final int at = response.readerIndex() + STATUS_OFFSET;
        return (response.getByte(at) - '0') * 100 + (response.getByte(at + 1) - '0') * 10 +
            (response.getByte(at + 2) - '0');
    }

    /**
     * The same response with {@code connection: close} (the last one on its connection).
     *
     * @param response an encoded response; released.
     * @return a new response.
     */
    public static ByteBuf closing(final ByteBuf response)
    {
        final int head = headLength(response) - CRLF.length;
        final ByteBuf r = response.alloc().buffer(response.readableBytes() + CONNECTION_CLOSE.length);
        r.writeBytes(response, response.readerIndex(), head);
        r.writeBytes(CONNECTION_CLOSE);
        r.writeBytes(response, response.readerIndex() + head, response.readableBytes() - head);
        response.release();
        return r;
    }

    /**
     * The response to a {@code HEAD} request: the same status and headers (content-length included), no body.
     *
     * @param response an encoded response; its body is dropped in place.
     * @return the same buffer.
     */
    public static ByteBuf headOnly(final ByteBuf response)
    {
        return response.writerIndex(response.readerIndex() + headLength(response));
    }

    private static int headLength(final ByteBuf response)
    {
        final int end = response.writerIndex();
        for (int i = response.readerIndex(); i + 3 < end; i++)
        {
            if (response.getByte(i) == '\r' && response.getByte(i + 1) == '\n' &&
                response.getByte(i + 2) == '\r' && response.getByte(i + 3) == '\n')
            {
                return i + 4 - response.readerIndex();
            }
        }
        throw new IllegalArgumentException("not an encoded response");
    }
}
