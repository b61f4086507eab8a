package io.flashsale.gateway.support;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Seeded generator of malformed and hostile HTTP requests for the fuzz test. None of them may change the sale:
 * bodies that are well-formed JSON either break a rule the API must enforce (types, ranges, lengths), name a SKU that
 * is unknown, not open or ended, or act on orders as a user who owns none (user ids from 10^12 up). Two families:
 * {@link #keepAlive()} requests are complete HTTP the server must answer and keep the connection for;
 * {@link #breaker()} requests break HTTP itself and may end the connection. Not thread-safe.
 */
public final class HostileRequests
{
    private static final String[] BAD_NUMBERS = {
        "0", "-1", "-2147483648", "2147483648", "4294967297", "4294967296", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "99999999999999999999999999999", "1e3", "1.5", "1E2", "0x10",
        "01", "+1", "-0", "NaN", "Infinity", "\"1\"", "null", "true", "[]", "{}", "\"\"", "1 2", "--1", "\uff11"};
    private static final String[] BAD_USERS = {
        "0", "-1", "-2147483648", "9223372036854775808", "-9223372036854775809", "99999999999999999999999999999",
        "1e3", "1.5", "1E2", "0x10", "01", "+1", "-0", "NaN", "Infinity", "\"1\"", "null", "true", "[]", "{}", "\"\"",
        "1 2", "--1", "\uff11"};
    private static final String[] BAD_IDS = {
        "\"\"", "1", "null", "[\"a\"]", "{\"a\":1}", "\"\\u0000\"", "\"\\x41\"", "\"\\\"", "\"a\nb\"", "\"\\ud800\"",
        "\"unterminated", "true"};
    private static final String[] BAD_PATHS = {
        "/v1/orders/abc", "/v1/orders/-1", "/v1/orders/99999999999999999999", "/v1/orders/1/pay/x", "/v1/orders//pay",
        "/v1/orders/1/refund", "/v1/skus/", "/v1/skus/abc", "/v1/skus/-5", "/v1/skus/1e3", "/v1/skus/%31%30%32",
        "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/v1/orders/../skus/102", "/admin", "/admin/sales/../sales",
        "/v2/orders", "/V1/ORDERS", "/health/x", "/metrics/../../", "/dashboard/../../etc", "/v1/skus/102/restock",
        "//", "/v1/orders?x=" + "%00", "/\u00e4\u00f6\u00fc", "/v1/skus/\u0661\u0660\u0662", "/v1/orders/1;DROP"};
    private static final String[] METHODS_WITHOUT_BODY = {"PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO"};

    private final Random random;

    /**
     * @param random seeded source.
     */
    public HostileRequests(final Random random)
    {
        this.random = random;
    }

    /**
     * @return a complete, correctly framed request with hostile content (the server must answer it with a 4xx).
     */
    public byte[] keepAlive()
    {
        return switch (random.nextInt(10))
        {
            case 0, 1 -> post("/v1/orders", badBuyBody());
            case 2 -> post("/v1/orders", truncated(validLookingBuy()));
            case 3 -> post("/v1/orders", randomBytes(random.nextInt(200)));
            case 4 -> post("/v1/orders/" + (1 + random.nextInt(3000)) + (random.nextBoolean() ? "/pay" : "/cancel"),
                strangerBody());
            case 5 -> request("GET", BAD_PATHS[random.nextInt(BAD_PATHS.length)], null, "");
            case 6 -> request(METHODS_WITHOUT_BODY[random.nextInt(METHODS_WITHOUT_BODY.length)],
                random.nextBoolean() ? "/v1/orders" : "/v1/skus/102", null, "");
            case 7 -> admin();
            case 8 -> post("/v1/orders", ascii(unknownOrClosedSkuBuy()));
            default -> post("/v1/orders", structuralNoise());
        };
    }

    /**
     * @return bytes that break HTTP framing or limits (the server answers 4xx and closes, or just closes).
     */
    public byte[] breaker()
    {
        return switch (random.nextInt(14))
        {
            case 0 -> ascii("GARBAGE\r\n\r\n");
            case 1 -> ascii("GET\r\n\r\n");
            case 2 -> ascii("GET / HTTP/9.9\r\nHost: x\r\n\r\n");
            case 3 -> concat(randomBytes(1 + random.nextInt(300)), ascii("\r\n\r\n"));
            case 4 -> ascii("POST /v1/orders HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}");
            case 5 -> ascii("POST /v1/orders HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n{}");
            case 6 -> ascii("POST /v1/orders HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999999\r\n\r\n{}");
            case 7 -> ascii("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n");
            case 8 -> ascii("GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
            case 9 -> ascii("POST /v1/orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
                "zz\r\nab\r\n0\r\n\r\n");
            case 10 -> ascii("GET /health HTTP/1.1\r\nBad Header Name: x\r\nNoColonHere\r\n\r\n");
            case 11 -> concat(ascii("POST /v1/orders HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n"),
                truncated(validLookingBuy()));
            case 12 -> ascii("POST /v1/orders HTTP/1.0\r\nContent-Length: 2\r\n\r\n{}");
            default -> concat(ascii("POST /v1/orders HTTP/1.1\r\nHost: x\r\nContent-Length: 300000\r\n\r\n"),
                randomBytes(100));
        };
    }

    private byte[] admin()
    {
        final String auth = switch (random.nextInt(4))
        {
            case 0 -> "";
            case 1 -> "Authorization: Bearer wrong-token\r\n";
            case 2 -> "Authorization: Basic dGVzdC10b2tlbjp4\r\n";
            default -> "Authorization: Bearer test-token-\r\n";
        };
        if (random.nextBoolean())
        {
            return request("POST", "/admin/skus/102/restock", ascii("{\"quantity\":1000000}"), auth);
        }
        return request(random.nextBoolean() ? "GET" : "POST", "/admin/sales", ascii("{\"id\":9}"), auth);
    }

    private byte[] badBuyBody()
    {
        final String sku = "102";
        final String user = String.valueOf(1_000_000_000_000L + random.nextInt(1_000_000));
        final String qty = "1";
        final String id = "\"fz-" + random.nextInt(Integer.MAX_VALUE) + "\"";
        final String bad = BAD_NUMBERS[random.nextInt(BAD_NUMBERS.length)];
        return switch (random.nextInt(9))
        {
            case 0 -> utf8(buyJson(bad, user, qty, id));
            case 1 -> utf8(buyJson(sku, BAD_USERS[random.nextInt(BAD_USERS.length)], qty, id));
            case 2 -> utf8(buyJson(sku, user, bad, id));
            case 3 -> utf8(buyJson(sku, user, qty, random.nextBoolean() ? BAD_IDS[random.nextInt(BAD_IDS.length)] :
                "\"" + longId() + "\""));
            case 4 -> ascii("{\"sku\":" + sku + ",\"user\":" + user + ",\"requestId\":" + id + "}");
            case 5 -> ascii("{\"sku\":" + sku + ",\"user\":" + user + ",\"qty\":1,\"qty\":\"x\",\"requestId\":" + id +
                "}");
            case 6 -> ascii("{\"sku\":" + sku + ",\"user\":" + user + ",\"qty\":1,\"requestId\":" + id +
                ",\"price\":0}");
            case 7 -> ascii(buyJson(sku, "-" + user, qty, id));
            default -> ascii(buyJson(sku, user, "-" + (1 + random.nextInt(1000)), id));
        };
    }

    private String longId()
    {
        final int length = 65 + random.nextInt(4000);
        final StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            b.append(random.nextBoolean() ? (char)('a' + random.nextInt(26)) : (char)(0x4e00 + random.nextInt(2000)));
        }
        return b.toString();
    }

    private String validLookingBuy()
    {
        return buyJson("102", String.valueOf(1_000_000_000_000L + random.nextInt(1000)), "1",
            "\"fz-" + random.nextInt(Integer.MAX_VALUE) + "\"");
    }

    private String unknownOrClosedSkuBuy()
    {
        final String[] skus = {"999", "0", "201", "301", "9999999999"};
        return buyJson(skus[random.nextInt(skus.length)], String.valueOf(1_000_000_000_000L + random.nextInt(1000)),
            "1", "\"fz-" + random.nextInt(Integer.MAX_VALUE) + "\"");
    }

    private byte[] strangerBody()
    {
        final String[] bodies = {
            "{\"user\":" + (1_000_000_000_000L + random.nextInt(1000)) + "}", "{\"user\":\"1\"}", "{}", "",
            "{\"user\":-1}", "{\"user\":1,\"user\":2}", "{\"user\":1", "[1]", "{\"user\":1e3}",
            "{\"user\":99999999999999999999}"};
        return ascii(bodies[random.nextInt(bodies.length)]);
    }

    private byte[] structuralNoise()
    {
        final String[] noise = {
            "", "{", "}", "[]", "null", "\"buy\"", "{\"sku\"}", "{\"sku\":}", "{,}", "{\"sku\":102,}", "{\"\":1}",
            "[".repeat(2000), "{\"a\":".repeat(500), "{\"sku\":102 \"user\":1}", "<xml/>", "sku=102&qty=1",
            "{\"sku\":102,\"user\":1,\"qty\":1,\"requestId\":\"a\"} trailing", "\u0000\u0000\u0000"};
        return utf8(noise[random.nextInt(noise.length)]);
    }

    private byte[] truncated(final String body)
    {
        return ascii(body.substring(0, random.nextInt(body.length() - 1)));
    }

    private byte[] randomBytes(final int n)
    {
        final byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String buyJson(final String sku, final String user, final String qty, final String id)
    {
        return "{\"sku\":" + sku + ",\"user\":" + user + ",\"qty\":" + qty + ",\"requestId\":" + id + "}";
    }

    private static byte[] post(final String path, final byte[] body)
    {
        return request("POST", path, body, "");
    }

    private static byte[] request(final String method, final String path, final byte[] body, final String extra)
    {
        final String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n" + extra +
            (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n") + "\r\n";
        return body == null ? utf8(head) : concat(utf8(head), body);
    }

    private static byte[] ascii(final String s)
    {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] utf8(final String s)
    {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(final byte[] a, final byte[] b)
    {
        final byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
