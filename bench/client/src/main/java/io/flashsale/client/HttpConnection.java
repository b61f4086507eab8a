package io.flashsale.client;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One blocking keep-alive HTTP/1.1 connection to a node on 127.0.0.1. It writes exactly the bytes given, so callers
 * control pipelining and can send malformed input: {@link #write(byte[])} buffers (a batch of requests goes out in
 * one {@link #flush()}), {@link #send(byte[])} writes and flushes in one call. Responses are read in order by a
 * strict {@link ResponseReader}. Every failure (refused, reset, closed, timed out, malformed) is an
 * {@link IOException}. Not thread-safe.
 */
public final class HttpConnection implements AutoCloseable
{
    /** Connect and read timeout of {@link #HttpConnection(int)}. */
    public static final int DEFAULT_TIMEOUT_MILLIS = 20_000;

    private final Socket socket;
    private final OutputStream out;
    private final ResponseReader reader;

    /**
     * @param port server port on 127.0.0.1.
     * @throws IOException if it cannot connect.
     */
    public HttpConnection(final int port) throws IOException
    {
        this(port, DEFAULT_TIMEOUT_MILLIS);
    }

    /**
     * @param port          server port on 127.0.0.1.
     * @param timeoutMillis connect timeout and read timeout of every later read.
     * @throws IOException if it cannot connect.
     */
    public HttpConnection(final int port, final int timeoutMillis) throws IOException
    {
        socket = new Socket();
        try
        {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutMillis);
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            reader = new ResponseReader(socket.getInputStream());
        }
        catch (final IOException ex)
        {
            socket.close();
            throw ex;
        }
    }

    /**
     * @param method method.
     * @param path   path.
     * @param body   JSON body or null.
     * @return the request text (with {@code Host}, and a JSON {@code Content-Type} and {@code Content-Length} when
     *         there is a body).
     */
    public static String request(final String method, final String path, final String body)
    {
        return request(method, path, body, "");
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
        final int length = body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length;
        return method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n" + extra +
            (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + length + "\r\n") +
            "\r\n" + (body == null ? "" : body);
    }

    /**
     * Buffer bytes; they go out at the next {@link #flush()} (or when the buffer is full).
     *
     * @param raw bytes.
     * @throws IOException on failure.
     */
    public void write(final byte[] raw) throws IOException
    {
        out.write(raw);
    }

    /**
     * Buffer text as UTF-8 bytes.
     *
     * @param raw text.
     * @throws IOException on failure.
     */
    public void write(final String raw) throws IOException
    {
        write(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws IOException on failure.
     */
    public void flush() throws IOException
    {
        out.flush();
    }

    /**
     * Write bytes and flush them at once (one write call when nothing else is buffered).
     *
     * @param raw bytes.
     * @throws IOException on failure.
     */
    public void send(final byte[] raw) throws IOException
    {
        write(raw);
        flush();
    }

    /**
     * Write text as UTF-8 and flush it at once.
     *
     * @param raw text.
     * @throws IOException on failure.
     */
    public void send(final String raw) throws IOException
    {
        send(raw.getBytes(StandardCharsets.UTF_8));
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
        return exchange(method, path, body, "");
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
     * @throws IOException on failure, a malformed response, or if the connection closed first.
     */
    public Response read() throws IOException
    {
        return orClosed(reader.next());
    }

    /**
     * @return the next response, an interim {@code 100 Continue} included.
     * @throws IOException on failure, a malformed response, or if the connection closed first.
     */
    public Response readAny() throws IOException
    {
        return orClosed(reader.nextAny());
    }

    /**
     * @return true if the server closed the connection (EOF or reset) before sending anything more.
     * @throws IOException on a read timeout or another read failure.
     */
    public boolean closedByServer() throws IOException
    {
        return reader.atEnd();
    }

    @Override
    public void close()
    {
        try
        {
            socket.close();
        }
        catch (final IOException ignored)
        {
            // closing a dead connection: nothing to do
        }
    }

    private static Response orClosed(final Response r) throws IOException
    {
        if (r == null)
        {
            throw new IOException("connection closed");
        }
        return r;
    }
}
