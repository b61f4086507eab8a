package io.flashsale.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A raw-socket HTTP/1.1 client for tests: writes exactly the bytes given (so tests control pipelining and malformed
 * input) and parses responses with a Content-Length body. Not thread-safe.
 */
public final class HttpTestClient implements AutoCloseable
{
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /**
     * @param port server port on 127.0.0.1.
     * @throws IOException if it cannot connect.
     */
    public HttpTestClient(final int port) throws IOException
    {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /**
     * A parsed response.
     *
     * @param status  status code.
     * @param headers headers, names lower-cased.
     * @param body    body text.
     */
    public record Response(int status, Map<String, String> headers, String body)
    {
        /**
         * @param name lower-case header name.
         * @return its value or null.
         */
        public String header(final String name)
        {
            return headers.get(name);
        }
    }

    /**
     * @param method method.
     * @param path   path.
     * @param body   JSON body or null.
     * @param extra  extra header lines, each ending with CRLF.
     * @return the request text.
     */
    public static String request(final String method, final String path, final String body, final String extra)
    {
        final byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        return method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n" + extra +
            (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n") +
            "\r\n" + (body == null ? "" : body);
    }

    /**
     * @param raw bytes to write in one write call.
     * @throws IOException on failure.
     */
    public void send(final String raw) throws IOException
    {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * @param raw bytes to write.
     * @throws IOException on failure.
     */
    public void send(final byte[] raw) throws IOException
    {
        out.write(raw);
        out.flush();
    }

    /**
     * Send one request and read its response.
     *
     * @param method method.
     * @param path   path.
     * @param body   JSON body or null.
     * @return the response.
     * @throws IOException on failure.
     */
    public Response exchange(final String method, final String path, final String body) throws IOException
    {
        send(request(method, path, body, ""));
        return read();
    }

    /**
     * Send one request with extra headers and read its response.
     *
     * @param method method.
     * @param path   path.
     * @param body   JSON body or null.
     * @param extra  extra header lines, each ending with CRLF.
     * @return the response.
     * @throws IOException on failure.
     */
    public Response exchange(final String method, final String path, final String body, final String extra)
        throws IOException
    {
        send(request(method, path, body, extra));
        return read();
    }

    /**
     * @return the next final response (interim 1xx responses skipped).
     * @throws IOException on failure or if the connection closed first.
     */
    public Response read() throws IOException
    {
        Response r = readAny();
        while (r.status() < 200)
        {
            r = readAny();
        }
        return r;
    }

    /**
     * @return the next response, an interim {@code 100 Continue} included.
     * @throws IOException on failure or if the connection closed first.
     */
    public Response readAny() throws IOException
    {
        final String statusLine = line();
        if (statusLine == null)
        {
            throw new IOException("connection closed");
        }
        final int status = Integer.parseInt(statusLine.split(" ")[1]);
        final Map<String, String> headers = new TreeMap<>();
        String line;
        while ((line = line()) != null && !line.isEmpty())
        {
            final int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        final int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        final byte[] body = in.readNBytes(length);
        if (body.length != length)
        {
            throw new IOException("short body");
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    /**
     * @return true if the server closed the connection (EOF) before sending anything more.
     * @throws IOException on failure.
     */
    public boolean closedByServer() throws IOException
    {
        try
        {
            return in.read() < 0;
        }
        catch (final java.net.SocketException ex)
        {
            return true;
        }
    }

    private String line() throws IOException
    {
        final ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) >= 0)
        {
            if (b == '\n')
            {
                final byte[] bytes = buf.toByteArray();
                final int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            buf.write(b);
        }
        return buf.size() == 0 ? null : buf.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }
}
