package io.flashsale.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads HTTP/1.1 responses and fails (with {@link AssertionError}) on anything that is not a well-formed response:
 * a status line {@code HTTP/1.1 NNN reason}, {@code name: value} headers, a {@code Content-Length} and exactly that
 * many body bytes. A clean end of stream between responses is reported as null. Not thread-safe.
 */
public final class StrictResponseReader
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LINE = 16 * 1024;

    private final InputStream in;

    /**
     * @param in the connection's input.
     */
    public StrictResponseReader(final InputStream in)
    {
        this.in = in;
    }

    /**
     * @return the next response (interim 100 responses skipped), or null if the server closed the connection (or
     *         reset it) before sending one.
     * @throws IOException on a read timeout.
     */
    public HttpTestClient.Response next() throws IOException
    {
        final String statusLine = line(true);
        if (statusLine == null)
        {
            return null;
        }
        if (!statusLine.matches("HTTP/1\\.1 [1-5][0-9][0-9] [ -~]*"))
        {
            throw new AssertionError("malformed status line: " + printable(statusLine));
        }
        final int status = Integer.parseInt(statusLine.substring(9, 12));
        final Map<String, String> headers = new TreeMap<>();
        String line;
        while (!(line = line(false)).isEmpty())
        {
            final int colon = line.indexOf(':');
            if (colon <= 0 || !line.substring(0, colon).matches("[A-Za-z0-9-]+"))
            {
                throw new AssertionError("malformed header line: " + printable(line));
            }
            headers.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        if (status == 100)
        {
            return next();
        }
        final String length = headers.get("content-length");
        if (length == null || !length.matches("[0-9]{1,9}"))
        {
            throw new AssertionError("response without a valid Content-Length: " + statusLine + " " + headers);
        }
        final int n = Integer.parseInt(length);
        final byte[] body = in.readNBytes(n);
        if (body.length != n)
        {
            throw new AssertionError("body shorter than its Content-Length: " + statusLine);
        }
        return new HttpTestClient.Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    /**
     * Assert that a response is a client error with a JSON body {@code {"code":..,"message":..}} that shows no
     * internal detail (no exception or class names, stack frames or file paths).
     *
     * @param r    the response.
     * @param what what was sent, for the failure message.
     */
    public static void assertClientError(final HttpTestClient.Response r, final String what)
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
    public static void assertErrorBody(final HttpTestClient.Response r, final String what)
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
        final StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 300; i++)
        {
            final char c = s.charAt(i);
            if (c >= ' ' && c <= '~')
            {
                b.append(c);
            }
            else
            {
                b.append(String.format("\\x%02x", (int)c));
            }
        }
        return b.toString();
    }

    private String line(final boolean eofAllowed) throws IOException
    {
        final ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
        int b;
        while ((b = read()) >= 0)
        {
            if (b == '\n')
            {
                final byte[] bytes = buf.toByteArray();
                if (bytes.length == 0 || bytes[bytes.length - 1] != '\r')
                {
                    throw new AssertionError("line not ended by CRLF: " + printable(buf.toString(
                        StandardCharsets.ISO_8859_1)));
                }
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            buf.write(b);
            if (buf.size() > MAX_LINE)
            {
                throw new AssertionError("response line too long");
            }
        }
        if (eofAllowed && buf.size() == 0)
        {
            return null;
        }
        throw new AssertionError("connection closed inside a response: " + printable(buf.toString(
            StandardCharsets.ISO_8859_1)));
    }

    private int read() throws IOException
    {
        try
        {
            return in.read();
        }
        catch (final SocketException ex)
        {
            return -1;
        }
    }
}
