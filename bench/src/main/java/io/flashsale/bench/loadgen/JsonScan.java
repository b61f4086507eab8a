package io.flashsale.bench.loadgen;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Allocation-free look-ups of top-level fields in the gateway's small JSON answers, straight from the response
 * buffer. Reads never move the buffer's indexes. Tolerates whitespace around the colon; does not handle escaped
 * quotes in keys (the gateway's keys are fixed ASCII words).
 */
public final class JsonScan
{
    /** Key {@code "orderId"}. */
    public static final byte[] ORDER_ID = key("orderId");
    /** Key {@code "duplicate"}. */
    public static final byte[] DUPLICATE = key("duplicate");
    /** Key {@code "status"}. */
    public static final byte[] STATUS = key("status");
    /** Key {@code "code"}. */
    public static final byte[] CODE = key("code");

    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);

    private JsonScan()
    {
    }

    private static byte[] key(final String name)
    {
        return ('"' + name + '"').getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @param buf   JSON text.
     * @param key   quoted key bytes, e.g. {@link #ORDER_ID}.
     * @return index of the first byte of the value, or -1 if the key is absent.
     */
    public static int valueIndex(final ByteBuf buf, final byte[] key)
    {
        final int end = buf.writerIndex() - key.length;
        for (int i = buf.readerIndex(); i <= end; i++)
        {
            if (buf.getByte(i) == key[0] && matches(buf, i, key))
            {
                int j = skipSpace(buf, i + key.length);
                if (j < buf.writerIndex() && buf.getByte(j) == ':')
                {
                    return skipSpace(buf, j + 1);
                }
            }
        }
        return -1;
    }

    /**
     * @param buf JSON text.
     * @param key quoted key bytes.
     * @return the non-negative integer value of the key, or -1 if absent or not a number.
     */
    public static long longField(final ByteBuf buf, final byte[] key)
    {
        final int start = valueIndex(buf, key);
        if (start < 0)
        {
            return -1;
        }
        long value = 0;
        int i = start;
        final int end = buf.writerIndex();
        while (i < end)
        {
            final byte b = buf.getByte(i);
            if (b < '0' || b > '9')
            {
                break;
            }
            value = value * 10 + (b - '0');
            i++;
        }
        return i == start ? -1 : value;
    }

    /**
     * @param buf JSON text.
     * @param key quoted key bytes.
     * @return true if the key's value is the literal {@code true}.
     */
    public static boolean isTrue(final ByteBuf buf, final byte[] key)
    {
        final int start = valueIndex(buf, key);
        return start >= 0 && start + TRUE.length <= buf.writerIndex() && matches(buf, start, TRUE);
    }

    /**
     * @param buf      JSON text.
     * @param key      quoted key bytes.
     * @param expected the string value to compare with, unquoted.
     * @return true if the key's value is exactly that string.
     */
    public static boolean stringFieldEquals(final ByteBuf buf, final byte[] key, final byte[] expected)
    {
        final int start = valueIndex(buf, key);
        if (start < 0 || start + expected.length + 2 > buf.writerIndex() || buf.getByte(start) != '"')
        {
            return false;
        }
        return matches(buf, start + 1, expected) && buf.getByte(start + 1 + expected.length) == '"';
    }

    private static boolean matches(final ByteBuf buf, final int at, final byte[] bytes)
    {
        for (int k = 0; k < bytes.length; k++)
        {
            if (buf.getByte(at + k) != bytes[k])
            {
                return false;
            }
        }
        return true;
    }

    private static int skipSpace(final ByteBuf buf, final int from)
    {
        int i = from;
        while (i < buf.writerIndex())
        {
            final byte b = buf.getByte(i);
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n')
            {
                break;
            }
            i++;
        }
        return i;
    }
}
