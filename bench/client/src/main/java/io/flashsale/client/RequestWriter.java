package io.flashsale.client;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;

/**
 * Encodes the gateway's requests as raw HTTP/1.1 bytes straight into an outbound buffer: constant parts are
 * preallocated, numbers are written digit by digit, bodies go through a reusable scratch array so the
 * {@code Content-Length} is known first. One instance per event loop (not thread-safe); no allocation per request.
 */
public final class RequestWriter
{
    private static final byte[] POST_ORDERS = ascii("POST /v1/orders HTTP/1.1\r\n");
    private static final byte[] POST_ORDER_PREFIX = ascii("POST /v1/orders/");
    private static final byte[] PAY_SUFFIX = ascii("/pay HTTP/1.1\r\n");
    private static final byte[] CANCEL_SUFFIX = ascii("/cancel HTTP/1.1\r\n");
    private static final byte[] GET_SKU_PREFIX = ascii("GET /v1/skus/");
    private static final byte[] HTTP11_EOL = ascii(" HTTP/1.1\r\n");
    private static final byte[] JSON_LENGTH = ascii("Content-Type: application/json\r\nContent-Length: ");
    private static final byte[] EOL2 = ascii("\r\n\r\n");
    private static final byte[] EOL = ascii("\r\n");
    private static final byte[] BODY_SKU = ascii("{\"sku\":");
    private static final byte[] BODY_USER = ascii(",\"user\":");
    private static final byte[] BODY_QTY = ascii(",\"qty\":");
    private static final byte[] BODY_REQUEST_ID = ascii(",\"requestId\":\"");
    private static final byte[] BODY_END = ascii("\"}");
    private static final byte[] USER_ONLY = ascii("{\"user\":");
    private static final byte[] CLOSE_BRACE = ascii("}");
    /** Marks a request as not a buyer's: the node keeps it out of buyer figures (its TrafficClass). */
    private static final byte[] WARM_UP_HEADER = ascii("X-Flashsale-Traffic: warmup\r\n");

    private final byte[] hostHeader;
    private final byte[] requestIdPrefix;
    private final byte[] scratch = new byte[256];
    private int scratchLength;

    /**
     * @param hostAndPort     value of the {@code Host} header, e.g. {@code 127.0.0.1:8080}.
     * @param requestIdPrefix printable ASCII prefix of every requestId of this run (unique per run), at most 40 chars.
     */
    public RequestWriter(final String hostAndPort, final String requestIdPrefix)
    {
        if (requestIdPrefix.length() > 40 || !requestIdPrefix.chars().allMatch(c -> c > 32 && c < 127 && c != '"'))
        {
            throw new IllegalArgumentException("requestId prefix must be <= 40 printable ASCII chars without quotes");
        }
        this.hostHeader = ascii("Host: " + hostAndPort + "\r\n");
        this.requestIdPrefix = ascii(requestIdPrefix + "-");
    }

    private static byte[] ascii(final String s)
    {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Write {@code POST /v1/orders}.
     *
     * @param out     destination.
     * @param sku     SKU id.
     * @param user    user id.
     * @param qty     quantity.
     * @param request requestId number (appended to the run's prefix).
     */
    public void writeBuy(final ByteBuf out, final long sku, final long user, final int qty, final long request)
    {
        writeBuy(out, sku, user, qty, request, false);
    }

    /**
     * Write {@code POST /v1/orders} tagged {@code X-Flashsale-Traffic: warmup}, so the node counts it apart from
     * buyers' traffic (a load generator's warm-up).
     *
     * @param out     destination.
     * @param sku     SKU id.
     * @param user    user id.
     * @param qty     quantity.
     * @param request requestId number (appended to the run's prefix).
     */
    public void writeWarmUpBuy(final ByteBuf out, final long sku, final long user, final int qty, final long request)
    {
        writeBuy(out, sku, user, qty, request, true);
    }

    private void writeBuy(
        final ByteBuf out, final long sku, final long user, final int qty, final long request, final boolean warmUp)
    {
        scratchLength = 0;
        scratchBytes(BODY_SKU);
        scratchLong(sku);
        scratchBytes(BODY_USER);
        scratchLong(user);
        scratchBytes(BODY_QTY);
        scratchLong(qty);
        scratchBytes(BODY_REQUEST_ID);
        scratchBytes(requestIdPrefix);
        scratchLong(request);
        scratchBytes(BODY_END);
        out.writeBytes(POST_ORDERS);
        if (warmUp)
        {
            out.writeBytes(WARM_UP_HEADER);
        }
        writeJsonHeadersAndBody(out);
    }

    /**
     * Write {@code POST /v1/orders/{id}/pay} or {@code /cancel}.
     *
     * @param out     destination.
     * @param orderId the order.
     * @param user    its owner.
     * @param pay     true for pay, false for cancel.
     */
    public void writeOrderAction(final ByteBuf out, final long orderId, final long user, final boolean pay)
    {
        scratchLength = 0;
        scratchBytes(USER_ONLY);
        scratchLong(user);
        scratchBytes(CLOSE_BRACE);
        out.writeBytes(POST_ORDER_PREFIX);
        writeLong(out, orderId);
        out.writeBytes(pay ? PAY_SUFFIX : CANCEL_SUFFIX);
        writeJsonHeadersAndBody(out);
    }

    /**
     * Write {@code GET /v1/skus/{id}}.
     *
     * @param out destination.
     * @param sku SKU id.
     */
    public void writeGetSku(final ByteBuf out, final long sku)
    {
        out.writeBytes(GET_SKU_PREFIX);
        writeLong(out, sku);
        out.writeBytes(HTTP11_EOL);
        out.writeBytes(hostHeader);
        out.writeBytes(EOL);
    }

    /**
     * @param request requestId number.
     * @return the full requestId string (for reports and tests; allocates).
     */
    public String requestId(final long request)
    {
        return new String(requestIdPrefix, StandardCharsets.US_ASCII) + request;
    }

    private void writeJsonHeadersAndBody(final ByteBuf out)
    {
        out.writeBytes(hostHeader);
        out.writeBytes(JSON_LENGTH);
        writeLong(out, scratchLength);
        out.writeBytes(EOL2);
        out.writeBytes(scratch, 0, scratchLength);
    }

    private void scratchBytes(final byte[] bytes)
    {
        System.arraycopy(bytes, 0, scratch, scratchLength, bytes.length);
        scratchLength += bytes.length;
    }

    private void scratchLong(final long value)
    {
        scratchLength = putLong(scratch, scratchLength, value);
    }

    private static void writeLong(final ByteBuf out, final long value)
    {
        if (value < 0)
        {
            throw new IllegalArgumentException("ids are non-negative: " + value);
        }
        final int digits = digits(value);
        final int at = out.writerIndex();
        out.ensureWritable(digits);
        long v = value;
        for (int i = digits - 1; i >= 0; i--)
        {
            out.setByte(at + i, (int)('0' + v % 10));
            v /= 10;
        }
        out.writerIndex(at + digits);
    }

    private static int putLong(final byte[] dst, final int at, final long value)
    {
        if (value < 0)
        {
            throw new IllegalArgumentException("ids are non-negative: " + value);
        }
        final int digits = digits(value);
        long v = value;
        for (int i = digits - 1; i >= 0; i--)
        {
            dst[at + i] = (byte)('0' + v % 10);
            v /= 10;
        }
        return at + digits;
    }

    private static int digits(final long value)
    {
        int digits = 1;
        long v = value;
        while (v >= 10)
        {
            v /= 10;
            digits++;
        }
        return digits;
    }
}
