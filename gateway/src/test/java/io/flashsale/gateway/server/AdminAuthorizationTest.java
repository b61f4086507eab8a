package io.flashsale.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.flashsale.client.HttpConnection;
import io.flashsale.client.Response;
import io.flashsale.gateway.support.ErrorAssertions;
import io.flashsale.gateway.support.NodeTest;
import io.flashsale.gateway.support.TestNode;

/**
 * Admin requests are authorized from the request head: a missing or wrong token is answered 401 at once, before any
 * body arrives, and no {@code 100 Continue} invites the body. A Content-Length body within the limit is discarded as it
 * arrives (the connection stays usable); a chunked body, one above the limit, or a client that expects
 * {@code 100 Continue} gets the 401 and the connection closed instead.
 */
class AdminAuthorizationTest extends NodeTest
{
    private static final String[] BAD_TOKENS = {"", "Authorization: Bearer wrong-token\r\n",
        "Authorization: Basic dGVzdA==\r\n"};
    private static final String HEALTH = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
    private static final String SALE = "{\"id\":9,\"opensAt\":0,\"closesAt\":\"2100-01-01T00:00:00Z\"," +
        "\"paymentWindowSeconds\":60,\"skus\":[{\"id\":901,\"store\":3,\"price\":500,\"stock\":1,\"limit\":1}]}";

    private static String head(final String path, final long contentLength, final String extra)
    {
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
            contentLength + "\r\n" + extra + "\r\n";
    }

    private static Response assertUnauthorized(final HttpConnection c, final String what) throws Exception
    {
        final Response r = c.readAny();
        assertEquals(401, r.status(), what + ": " + r.body());
        ErrorAssertions.assertErrorBody(r, what);
        assertEquals("UNAUTHORIZED", JSON.readTree(r.body()).get("code").asText());
        return r;
    }

    @Test
    void shouldAnswer401FromTheHeadBeforeTheBodyArrivesAndDiscardTheBody() throws Exception
    {
        final String line = "GET /admin/sales HTTP/1.1\r\n";
        final String garbage = line.repeat(200_000 / line.length()) + "x".repeat(200_000 % line.length());
        for (final String token : BAD_TOKENS)
        {
            final String what = "admin head with '" + token.trim() + "'";
            client.send(head("/admin/sales", 200_000, token));
            assertEquals(null, assertUnauthorized(client, what).header("connection"), what);
            client.send(garbage + HEALTH);
            final Response health = client.readAny();
            assertEquals(200, health.status(), "the body was discarded, not parsed: " + health.body());
        }
    }

    @Test
    void shouldNotSend100ContinueToAnUnauthorizedClientAndCloseAfterThe401() throws Exception
    {
        for (final String token : BAD_TOKENS)
        {
            try (HttpConnection c = new HttpConnection(server.port()))
            {
                final String what = "expect-continue head with '" + token.trim() + "'";
                c.send(head("/admin/sales", SALE.length(), "Expect: 100-continue\r\n" + token));
                assertEquals("close", assertUnauthorized(c, what).header("connection"), what);
                assertTrue(c.closedByServer(), what);
            }
        }
    }

    @Test
    void shouldCloseAfterThe401WhenTheBodyIsChunkedOrAboveTheLimit() throws Exception
    {
        for (final String token : BAD_TOKENS)
        {
            final String what = "chunked restock head with '" + token.trim() + "'";
            try (HttpConnection c = new HttpConnection(server.port()))
            {
                c.send("POST /admin/skus/102/restock HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n" +
                    token + "\r\n");
                assertEquals("close", assertUnauthorized(c, what).header("connection"), what);
                assertTrue(c.closedByServer(), what);
            }
        }
        client.send(head("/admin/sales", 10_000_000, "Authorization: Bearer wrong-token\r\n"));
        assertEquals("close", assertUnauthorized(client, "oversized admin head").header("connection"));
        assertTrue(client.closedByServer());
    }

    @Test
    void shouldSend100ContinueToAnAuthorizedAdminAndThenTakeTheBody() throws Exception
    {
        client.send(head("/admin/sales", SALE.length(),
            "Expect: 100-continue\r\nAuthorization: Bearer " + TestNode.TOKEN + "\r\n"));
        assertEquals(100, client.readAny().status());
        client.send(SALE);
        final Response r = client.readAny();
        assertEquals(201, r.status(), r.body());
        assertEquals(200, client.exchange("GET", "/health", null).status(), "the connection stays open");
    }

    @Test
    void shouldRequireTheTokenForEveryPathUnderAdmin() throws Exception
    {
        final Response unknown = client.exchange("GET", "/admin/nothing-here", null);
        assertEquals(401, unknown.status(), unknown.body());
        assertEquals(null, unknown.header("connection"));
        assertEquals(200, client.exchange("GET", "/health", null).status());
        final Response authorized = client.exchange("GET", "/admin/nothing-here", null,
            "Authorization: Bearer " + TestNode.TOKEN + "\r\n");
        assertEquals(404, authorized.status());
    }
}
