package io.flashsale.client;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Look-ups of fields in the gateway's small, flat JSON answers without a parser: allocation-free straight from a
 * response buffer (the load generator's event loops), or from a body's text (the crash harness and tests, which
 * allocate). Reads never move the buffer's indexes. Tolerates whitespace around the colon; does not handle escaped
 * quotes in keys or values (the gateway's keys are fixed ASCII words, and the values read here hold no quotes).
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

    /**
     * @param name field name, unquoted.
     * @return the quoted key bytes the buffer look-ups take.
     */
    public static byte[] key(final String name)
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
                final int j = skipSpace(buf, i + key.length);
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

    /**
     * @param buf JSON text.
     * @param key quoted key bytes.
     * @return the key's string value (UTF-8, up to the next quote), or null if absent or not a string.
     */
    public static String stringField(final ByteBuf buf, final byte[] key)
    {
        final int start = valueIndex(buf, key);
        if (start < 0 || start >= buf.writerIndex() || buf.getByte(start) != '"')
        {
            return null;
        }
        final int end = buf.indexOf(start + 1, buf.writerIndex(), (byte)'"');
        return end < 0 ? null : buf.toString(start + 1, end - start - 1, StandardCharsets.UTF_8);
    }

    /**
     * @param json JSON text, e.g. a response body.
     * @param name field name, unquoted.
     * @return the non-negative integer value of the field, or -1 if absent or not a number.
     */
    public static long longField(final String json, final String name)
    {
        return longField(wrap(json), key(name));
    }

    /**
     * @param json JSON text.
     * @param name field name, unquoted.
     * @return true if the field's value is the literal {@code true}.
     */
    public static boolean isTrue(final String json, final String name)
    {
        return isTrue(wrap(json), key(name));
    }

    /**
     * @param json JSON text.
     * @param name field name, unquoted.
     * @return the field's string value, or null if absent or not a string.
     */
    public static String stringField(final String json, final String name)
    {
        return stringField(wrap(json), key(name));
    }

    private static ByteBuf wrap(final String json)
    {
        return Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8));
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
