package io.flashsale.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads HTTP/1.1 responses from a blocking stream, one at a time and in order (pipelined answers included), and
 * accepts only well-formed ones: a status line {@code HTTP/1.1 NNN reason}, {@code name: value} header lines, every
 * line ended by CRLF, and a final response carries a {@code Content-Length} and exactly that many body bytes. Anything
 * else is a {@link MalformedResponseException}. A connection that ends (or is reset) before the first byte of a
 * response is a clean end: {@link #next()} returns null. Chunked bodies are not supported (the gateway sends lengths).
 * The event-loop counterpart, for the load generator, is {@link HttpResponseParser}. Not thread-safe.
 */
public final class ResponseReader
{
    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 100;

    private final InputStream in;

    /**
     * @param in the connection's input; this reader buffers it and must be its only reader.
     */
    public ResponseReader(final InputStream in)
    {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 64 * 1024);
    }

    /**
     * @return the next final response (interim 1xx responses skipped), or null if the connection ended before one.
     * @throws MalformedResponseException if what arrived is not a well-formed response.
     * @throws IOException on a read timeout or another read failure.
     */
    public Response next() throws IOException
    {
        Response r = nextAny();
        while (r != null && r.status() < 200)
        {
            r = nextAny();
        }
        return r;
    }

    /**
     * @return the next response, an interim {@code 100 Continue} included, or null if the connection ended first.
     * @throws MalformedResponseException if what arrived is not a well-formed response.
     * @throws IOException on a read timeout or another read failure.
     */
    public Response nextAny() throws IOException
    {
        final String statusLine = line(true);
        if (statusLine == null)
        {
            return null;
        }
        if (!statusLine.matches("HTTP/1\\.1 [1-5][0-9][0-9] [ -~]*"))
        {
            throw new MalformedResponseException("malformed status line: " + printable(statusLine));
        }
        final int status = Integer.parseInt(statusLine.substring(9, 12));
        final Map<String, String> headers = new TreeMap<>();
        String line;
        while (!(line = line(false)).isEmpty())
        {
            final int colon = line.indexOf(':');
            if (colon <= 0 || !line.substring(0, colon).matches("[A-Za-z0-9-]+"))
            {
                throw new MalformedResponseException("malformed header line: " + printable(line));
            }
            if (headers.size() == MAX_HEADERS)
            {
                throw new MalformedResponseException("more than " + MAX_HEADERS + " headers: " + statusLine);
            }
            headers.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        if (status < 200)
        {
            return new Response(status, headers, "");
        }
        final String length = headers.get("content-length");
        if (length == null || !length.matches("[0-9]{1,9}"))
        {
            throw new MalformedResponseException("response without a valid Content-Length: " + statusLine + " " +
                headers);
        }
        final int n = Integer.parseInt(length);
        final byte[] body = in.readNBytes(n);
        if (body.length != n)
        {
            throw new MalformedResponseException("connection closed inside the body of: " + statusLine);
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    /**
     * @return true if the connection ended (EOF or reset) before anything more arrived; false if a byte arrived
     *         (the byte is consumed).
     * @throws IOException on a read timeout or another read failure.
     */
    public boolean atEnd() throws IOException
    {
        return read() < 0;
    }

    /**
     * @param s any text.
     * @return the text with control and non-ASCII characters escaped as {@code \xNN}, cut at 300 characters.
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

    private String line(final boolean endAllowed) throws IOException
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
                    throw new MalformedResponseException("line not ended by CRLF: " +
                        printable(buf.toString(StandardCharsets.ISO_8859_1)));
                }
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            buf.write(b);
            if (buf.size() > MAX_LINE)
            {
                throw new MalformedResponseException("response line longer than " + MAX_LINE + " bytes");
            }
        }
        if (endAllowed && buf.size() == 0)
        {
            return null;
        }
        throw new MalformedResponseException("connection closed inside a response: " +
            printable(buf.toString(StandardCharsets.ISO_8859_1)));
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
