package io.flashsale.gateway.server;

import io.flashsale.gateway.codec.ApiCode;
import io.flashsale.gateway.codec.ResponseEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.AsciiString;

/**
 * Maps method and path to an endpoint; answers 404 for unknown paths and 405 (with {@code Allow}) for known paths
 * with the wrong method. Path ids must be decimal integers (anything else is an unknown path). Query strings are
 * ignored. Every path under {@code /admin/} needs the admin token: {@link #admitted} decides it from the request head
 * alone, so the connection refuses an unauthorized request before reading its body. Stateless; event loops.
 */
final class Router
{
    private static final AsciiString ALLOW = AsciiString.cached("allow");
    private static final AsciiString GET = AsciiString.cached("GET");
    private static final AsciiString POST = AsciiString.cached("POST");
    private static final AsciiString GET_POST = AsciiString.cached("GET, POST");
    private static final String ORDERS = "/v1/orders";
    private static final String ORDERS_SLASH = "/v1/orders/";
    private static final String SKUS_SLASH = "/v1/skus/";
    private static final String ADMIN_SLASH = "/admin/";
    private static final String ADMIN_SKUS_SLASH = "/admin/skus/";
    private static final String PAY = "/pay";
    private static final String CANCEL = "/cancel";
    private static final String RESTOCK = "/restock";
    private static final long NOT_AN_ID = -1;

    private final OrderApi orders;
    private final AdminApi admin;
    private final OpsEndpoints ops;

    Router(final OrderApi orders, final AdminApi admin, final OpsEndpoints ops)
    {
        this.orders = orders;
        this.admin = admin;
        this.ops = ops;
    }

    /**
     * @param head a request head (its body may not have arrived yet).
     * @return false if it names a path under {@code /admin/} without the admin token (401); the token is compared
     *         in constant time.
     */
    boolean admitted(final HttpRequest head)
    {
        return !head.uri().startsWith(ADMIN_SLASH) ||
            admin.authorized(head.headers().get(HttpHeaderNames.AUTHORIZATION));
    }

    /**
     * Hand a complete request to its endpoint, which answers it through the responder (at once or from the engine).
     *
     * @param r       the connection's responder.
     * @param seq     the request's sequence on the connection.
     * @param request its head.
     * @param body    its body; still the caller's (endpoints read it during the call only).
     */
    void route(final Responder r, final long seq, final HttpRequest request, final ByteBuf body)
    {
        final String path = path(request.uri());
        final HttpMethod method = request.method();
        final boolean get = HttpMethod.GET.equals(method);
        final boolean post = HttpMethod.POST.equals(method);
        if (ORDERS.equals(path))
        {
            if (post)
            {
                orders.buy(r, seq, body);
            }
            else
            {
                notAllowed(r, seq, POST);
            }
        }
        else if (path.startsWith(ORDERS_SLASH))
        {
            orderPath(r, seq, path, get, post, body);
        }
        else if (path.startsWith(SKUS_SLASH))
        {
            final long id = id(path, SKUS_SLASH.length(), path.length());
            if (id == NOT_AN_ID)
            {
                r.error(seq, ApiCode.NOT_FOUND);
            }
            else if (get)
            {
                orders.sku(r, seq, id);
            }
            else
            {
                notAllowed(r, seq, GET);
            }
        }
        else if (path.startsWith(ADMIN_SLASH))
        {
            adminPath(r, seq, request, path, get, post, body);
        }
        else
        {
            ops.route(r, seq, path, request.uri(), get);
        }
    }

    private void orderPath(
        final Responder r, final long seq, final String path, final boolean get, final boolean post,
        final ByteBuf body)
    {
        final int start = ORDERS_SLASH.length();
        final int slash = path.indexOf('/', start);
        final long id = id(path, start, slash < 0 ? path.length() : slash);
        if (id == NOT_AN_ID)
        {
            r.error(seq, ApiCode.NOT_FOUND);
            return;
        }
        if (slash < 0)
        {
            if (get)
            {
                orders.order(r, seq, id);
            }
            else
            {
                notAllowed(r, seq, GET);
            }
            return;
        }
        final boolean pay = path.regionMatches(slash, PAY, 0, PAY.length()) && path.length() == slash + PAY.length();
        final boolean cancel = path.regionMatches(slash, CANCEL, 0, CANCEL.length()) &&
            path.length() == slash + CANCEL.length();
        if (!pay && !cancel)
        {
            r.error(seq, ApiCode.NOT_FOUND);
        }
        else if (post)
        {
            orders.payOrCancel(r, seq, id, body, pay);
        }
        else
        {
            notAllowed(r, seq, POST);
        }
    }

    private void adminPath(
        final Responder r, final long seq, final HttpRequest request, final String path, final boolean get,
        final boolean post, final ByteBuf body)
    {
        final boolean sales = "/admin/sales".equals(path);
        long restockId = NOT_AN_ID;
        if (!sales && path.startsWith(ADMIN_SKUS_SLASH) && path.endsWith(RESTOCK))
        {
            restockId = id(path, ADMIN_SKUS_SLASH.length(), path.length() - RESTOCK.length());
        }
        if (!sales && restockId == NOT_AN_ID)
        {
            r.error(seq, ApiCode.NOT_FOUND);
            return;
        }
        if (!admitted(request)) // refused at the head already; checked again so route stands on its own
        {
            r.error(seq, ApiCode.UNAUTHORIZED);
            return;
        }
        if (sales && post)
        {
            admin.defineSale(r, seq, body);
        }
        else if (sales && get)
        {
            admin.listSales(r, seq);
        }
        else if (sales)
        {
            notAllowed(r, seq, GET_POST);
        }
        else if (post)
        {
            admin.restock(r, seq, restockId, body);
        }
        else
        {
            notAllowed(r, seq, POST);
        }
    }

    private static String path(final String uri)
    {
        final int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    /**
     * @return the decimal id in {@code path[start, end)}, or {@link #NOT_AN_ID}.
     */
    private static long id(final String path, final int start, final int end)
    {
        if (end <= start || end - start > 18)
        {
            return NOT_AN_ID;
        }
        long value = 0;
        for (int i = start; i < end; i++)
        {
            final char c = path.charAt(i);
            if (c < '0' || c > '9')
            {
                return NOT_AN_ID;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    static void notAllowed(final Responder r, final long seq, final AsciiString allow)
    {
        final ByteBuf body = ResponseEncoder.errorBody(r.alloc(), ApiCode.METHOD_NOT_ALLOWED);
        r.respond(seq, ApiCode.METHOD_NOT_ALLOWED,
            ResponseEncoder.content(ApiCode.METHOD_NOT_ALLOWED, ResponseEncoder.JSON, body, ALLOW, allow));
    }
}
