package io.flashsale.gateway.ops;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.AsciiString;

/**
 * Whose request a response answers, so that buyer figures (the sale board, the HTTP latency histogram, the alert on
 * buyer errors) count buyers only:
 * <ul>
 *   <li>{@link #BUYER}: the public API under {@code /v1/} (orders, SKUs, the sale listing), and requests refused before
 *       their head was read (they came in on the buyers' port and named nothing else);</li>
 *   <li>{@link #SYNTHETIC}: any request carrying the {@value #HEADER_NAME} header, whatever its value (a load
 *       generator's warm-up tags itself {@code X-Flashsale-Traffic: warmup});</li>
 *   <li>{@link #ADMIN}: paths under {@code /admin/};</li>
 *   <li>{@link #OPS}: everything else ({@code /metrics}, {@code /health}, the board and its polls, unknown paths).</li>
 * </ul>
 * Deciding reads the request head only and allocates nothing. Stateless.
 */
public final class TrafficClass
{
    /** Buyers' requests. */
    public static final int BUYER = 0;
    /** Requests tagged with the traffic header (e.g. a load generator's warm-up). */
    public static final int SYNTHETIC = 1;
    /** Ops endpoints, the board and anything outside the API. */
    public static final int OPS = 2;
    /** Admin endpoints. */
    public static final int ADMIN = 3;
    /** Number of classes. */
    public static final int COUNT = 4;
    /** Header a client sets on requests that are not buyers' (any value). */
    public static final String HEADER_NAME = "X-Flashsale-Traffic";

    private static final AsciiString HEADER = AsciiString.cached(HEADER_NAME);
    private static final String[] LABELS = {"buyer", "synthetic", "ops", "admin"};

    private TrafficClass()
    {
    }

    /**
     * @param head a request head, or null for a request refused before its head was read.
     * @return its class.
     */
    public static int of(final HttpRequest head)
    {
        if (head == null)
        {
            return BUYER;
        }
        if (head.headers().contains(HEADER))
        {
            return SYNTHETIC;
        }
        final String uri = head.uri();
        if (uri.startsWith("/v1/"))
        {
            return BUYER;
        }
        return uri.startsWith("/admin/") ? ADMIN : OPS;
    }

    /**
     * @param trafficClass a class.
     * @return its metric label.
     */
    public static String label(final int trafficClass)
    {
        return LABELS[trafficClass];
    }
}
