package io.flashsale.gateway.support;

import java.io.IOException;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flashsale.client.Response;
import io.flashsale.client.ResponseReader;

/**
 * The gateway's error contract as test assertions: an error is {@code {"code":..,"message":..}} JSON with a matching
 * status and shows no internal detail (no exception or class names, stack frames or file paths). Reading the
 * responses strictly is the client's {@link ResponseReader}.
 */
public final class ErrorAssertions
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorAssertions()
    {
    }

    /**
     * Assert that a response is a client error with a JSON body {@code {"code":..,"message":..}} that shows no
     * internal detail.
     *
     * @param r    the response.
     * @param what what was sent, for the failure message.
     */
    public static void assertClientError(final Response r, final String what)
    {
        if (r.status() < 400 || r.status() > 499)
        {
            throw new AssertionError("expected a 4xx for " + printable(what) + " but got " + r.status() + " " +
                r.body());
        }
        assertErrorBody(r, what);
    }

    /**
     * Assert that an error body is {@code {"code":"..","message":".."}} and leaks nothing internal.
     *
     * @param r    the response.
     * @param what what was sent, for the failure message.
     */
    public static void assertErrorBody(final Response r, final String what)
    {
        final String type = r.header("content-type");
        if (type == null || !type.startsWith("application/json"))
        {
            throw new AssertionError("error without a JSON content type for " + printable(what) + ": " + type);
        }
        final JsonNode node;
        try
        {
            node = JSON.readTree(r.body());
        }
        catch (final IOException ex)
        {
            throw new AssertionError("error body is not JSON for " + printable(what) + ": " + r.body(), ex);
        }
        if (node == null || !node.isObject() || !node.path("code").isTextual() || !node.path("message").isTextual())
        {
            throw new AssertionError("error body is not {code, message} for " + printable(what) + ": " + r.body());
        }
        assertNoInternalDetail(r.body(), what);
    }

    /**
     * @param body a response body.
     * @param what what was sent, for the failure message.
     */
    public static void assertNoInternalDetail(final String body, final String what)
    {
        final String lower = body.toLowerCase(Locale.ROOT);
        for (final String leak : new String[] {"exception", "java.", "io.flashsale", "io.netty", "\tat ", ".java:",
            "/tmp", "/home", "/work", "stack", "null pointer"})
        {
            if (lower.contains(leak))
            {
                throw new AssertionError("response shows internal detail '" + leak + "' for " + printable(what) +
                    ": " + body);
            }
        }
    }

    /**
     * @param s any text.
     * @return the text with control and non-ASCII characters escaped, cut at 300 characters.
     */
    public static String printable(final String s)
    {
        return ResponseReader.printable(s);
    }
}
