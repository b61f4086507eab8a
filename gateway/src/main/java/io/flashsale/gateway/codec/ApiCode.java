package io.flashsale.gateway.codec;

import io.flashsale.engine.command.ResultCode;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Every outcome the API reports, each with exactly one HTTP status: the {@code code} of a JSON body and the
 * {@code code} label of the request counters. Engine result codes map one to one; the rest are the gateway's own.
 */
public enum ApiCode
{
    /** A query or admin command succeeded. */
    OK(HttpResponseStatus.OK),
    /** An admin definition was applied. */
    CREATED(HttpResponseStatus.CREATED),
    /** A new order holds stock. */
    RESERVED(HttpResponseStatus.CREATED),
    /** The order was paid. */
    PAID(HttpResponseStatus.OK),
    /** The order was cancelled. */
    CANCELLED(HttpResponseStatus.OK),
    /** A repeated request id: the original order. */
    DUPLICATE(HttpResponseStatus.OK),
    /** The buyer reused a request id for another SKU or quantity: nothing was ordered. */
    IDEMPOTENCY_CONFLICT(HttpResponseStatus.CONFLICT),
    /** Not enough units left. */
    SOLD_OUT(HttpResponseStatus.CONFLICT),
    /** Over the per-user limit. */
    LIMIT_EXCEEDED(HttpResponseStatus.TOO_MANY_REQUESTS),
    /** The buyer placed as many orders for the SKU as the sale allows. */
    ORDER_LIMIT_EXCEEDED(HttpResponseStatus.TOO_MANY_REQUESTS),
    /** Sale not started or ended. */
    NOT_OPEN(HttpResponseStatus.FORBIDDEN),
    /** No such SKU. */
    UNKNOWN_SKU(HttpResponseStatus.NOT_FOUND),
    /** No such order. */
    UNKNOWN_ORDER(HttpResponseStatus.NOT_FOUND),
    /** No such sale. */
    UNKNOWN_SALE(HttpResponseStatus.NOT_FOUND),
    /** The order belongs to another buyer. */
    NOT_OWNER(HttpResponseStatus.FORBIDDEN),
    /** The order's state forbids the change. */
    INVALID_STATE(HttpResponseStatus.CONFLICT),
    /** An admin id exists with other values. */
    CONFLICT(HttpResponseStatus.CONFLICT),
    /** Malformed or out-of-range input. */
    INVALID(HttpResponseStatus.BAD_REQUEST),
    /** The engine's state budget is spent: no new orders; pay, cancel and queries work. */
    CAPACITY_EXHAUSTED(HttpResponseStatus.SERVICE_UNAVAILABLE),
    /** Load shed at the door; retry later. */
    OVERLOADED(HttpResponseStatus.SERVICE_UNAVAILABLE),
    /** The engine stopped acknowledging. */
    UNAVAILABLE(HttpResponseStatus.SERVICE_UNAVAILABLE),
    /** No such path. */
    NOT_FOUND(HttpResponseStatus.NOT_FOUND),
    /** Path exists, method does not. */
    METHOD_NOT_ALLOWED(HttpResponseStatus.METHOD_NOT_ALLOWED),
    /** Admin without a valid bearer token. */
    UNAUTHORIZED(HttpResponseStatus.UNAUTHORIZED),
    /** Body above the limit. */
    PAYLOAD_TOO_LARGE(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE),
    /** Request line above the limit. */
    URI_TOO_LONG(HttpResponseStatus.REQUEST_URI_TOO_LONG),
    /** Headers above the limit. */
    HEADERS_TOO_LARGE(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE),
    /** The request could not be parsed as HTTP. */
    BAD_REQUEST(HttpResponseStatus.BAD_REQUEST),
    /** The request did not complete in time. */
    REQUEST_TIMEOUT(HttpResponseStatus.REQUEST_TIMEOUT),
    /** A failure inside the gateway; details are logged, never sent. */
    INTERNAL(HttpResponseStatus.INTERNAL_SERVER_ERROR);

    private static final ApiCode[] BY_RESULT = mapResults();

    private final HttpResponseStatus status;
    private final byte[] jsonName;
    private final byte[] statusLine;

    ApiCode(final HttpResponseStatus status)
    {
        this.status = status;
        this.jsonName = JsonOut.ascii('"' + name() + '"');
        this.statusLine = JsonOut.ascii("HTTP/1.1 " + status.code() + ' ' + status.reasonPhrase() + "\r\n");
    }

    private static ApiCode[] mapResults()
    {
        final ResultCode[] results = ResultCode.values();
        final ApiCode[] map = new ApiCode[results.length];
        for (final ResultCode r : results)
        {
            ApiCode code;
            try
            {
                code = valueOf(r.name());
            }
            catch (final IllegalArgumentException ex)
            {
                code = INTERNAL;
            }
            map[r.ordinal()] = code;
        }
        return map;
    }

    /**
     * @param result an engine outcome.
     * @return the API code of the same name (PENDING and TICKED, never answered to clients, map to INTERNAL).
     */
    public static ApiCode of(final ResultCode result)
    {
        return BY_RESULT[result.ordinal()];
    }

    /**
     * @return the HTTP status that goes with this code.
     */
    public HttpResponseStatus status()
    {
        return status;
    }

    /**
     * @return the HTTP/1.1 status line with its CRLF, ASCII bytes (do not modify).
     */
    byte[] statusLine()
    {
        return statusLine;
    }

    /**
     * @return the code as a quoted JSON string, ASCII bytes (do not modify).
     */
    byte[] jsonName()
    {
        return jsonName;
    }
}
