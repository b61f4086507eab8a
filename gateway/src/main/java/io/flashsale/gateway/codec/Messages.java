package io.flashsale.gateway.codec;

/**
 * Default client-safe messages per {@link ApiCode}: constant text, never internal detail.
 */
public final class Messages
{
    private static final String[] TEXT = build();

    private Messages()
    {
    }

    private static String[] build()
    {
        final ApiCode[] codes = ApiCode.values();
        final String[] text = new String[codes.length];
        for (final ApiCode code : codes)
        {
            text[code.ordinal()] = text(code);
        }
        return text;
    }

    private static String text(final ApiCode code)
    {
        switch (code)
        {
            case SOLD_OUT:
                return "not enough units left";
            case LIMIT_EXCEEDED:
                return "the per-user limit of this SKU would be exceeded";
            case ORDER_LIMIT_EXCEEDED:
                return "too many orders by this user for this SKU";
            case IDEMPOTENCY_CONFLICT:
                return "requestId was already used by this user for another SKU or quantity";
            case CAPACITY_EXHAUSTED:
                return "the engine takes no new orders: its state budget is spent";
            case NOT_OPEN:
                return "sale is not open";
            case UNKNOWN_SKU:
                return "no such SKU";
            case UNKNOWN_ORDER:
                return "no such order";
            case UNKNOWN_SALE:
                return "no such sale";
            case NOT_OWNER:
                return "the order belongs to another user";
            case INVALID_STATE:
                return "the order's state forbids this";
            case CONFLICT:
                return "the id exists with different values (restock adds units)";
            case INVALID:
                return "invalid request";
            case OVERLOADED:
                return "too busy, retry later";
            case UNAVAILABLE:
                return "order engine unavailable";
            case NOT_FOUND:
                return "no such resource";
            case METHOD_NOT_ALLOWED:
                return "method not allowed on this resource";
            case UNAUTHORIZED:
                return "missing or wrong bearer token";
            case PAYLOAD_TOO_LARGE:
                return "request body too large";
            case URI_TOO_LONG:
                return "request line too long";
            case HEADERS_TOO_LARGE:
                return "request headers too large";
            case BAD_REQUEST:
                return "malformed HTTP request";
            case REQUEST_TIMEOUT:
                return "request not received in time";
            case INTERNAL:
                return "internal error";
            default:
                return code.name();
        }
    }

    /**
     * @param code an outcome.
     * @return its default message.
     */
    public static String of(final ApiCode code)
    {
        return TEXT[code.ordinal()];
    }
}
