package io.flashsale.bench.crash;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection that writes a batch of requests in one go (pipelining) and reads their responses
 * in order. Every failure (refused, reset, closed, timed out) surfaces as an {@link IOException}: the harness treats
 * the requests without a response as outcome unknown. Not thread-safe.
 */
final class HttpPipe implements AutoCloseable
{
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /**
     * A response: status and body text.
     *
     * @param status HTTP status.
     * @param body   body text.
     */
    record Response(int status, String body)
    {
    }

    HttpPipe(final int port, final int timeoutMillis) throws IOException
    {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(timeoutMillis);
        socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
    }

    static byte[] request(final String method, final String path, final String body)
    {
        final String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n" +
            (body == null ? "\r\n" : "Content-Type: application/json\r\nContent-Length: " +
            body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body);
        return head.getBytes(StandardCharsets.UTF_8);
    }

    void send(final byte[] bytes) throws IOException
    {
        out.write(bytes);
    }

    void flush() throws IOException
    {
        out.flush();
    }

    Response exchange(final String method, final String path, final String body) throws IOException
    {
        send(request(method, path, body));
        flush();
        return read();
    }

    Response read() throws IOException
    {
        final String status = line();
        if (status.length() < 12 || !status.startsWith("HTTP/1.1 "))
        {
            throw new IOException("bad status line: " + status);
        }
        final int code = Integer.parseInt(status.substring(9, 12));
        int length = 0;
        String header;
        while (!(header = line()).isEmpty())
        {
            final int colon = header.indexOf(':');
            if (colon > 0 && header.regionMatches(true, 0, "content-length", 0, colon))
            {
                length = Integer.parseInt(header.substring(colon + 1).trim());
            }
        }
        final byte[] body = in.readNBytes(length);
        if (body.length != length)
        {
            throw new IOException("connection closed inside a body");
        }
        if (code == 100)
        {
            return read();
        }
        return new Response(code, new String(body, StandardCharsets.UTF_8));
    }

    private String line() throws IOException
    {
        final ByteArrayOutputStream buf = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) >= 0)
        {
            if (b == '\n')
            {
                final String s = buf.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            buf.write(b);
        }
        throw new IOException("connection closed");
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
}
