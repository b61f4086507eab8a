package io.flashsale.gateway.codec;

import io.netty.buffer.ByteBuf;

/**
 * Allocation-free writers of JSON fragments into a {@link ByteBuf}: numbers as ASCII digits, constant keys and ASCII
 * strings with escaping. Stateless; any thread.
 */
public final class JsonOut
{
    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    private static final byte[] MIN_LONG = {'-', '9', '2', '2', '3', '3', '7', '2', '0', '3', '6', '8', '5', '4', '7',
        '7', '5', '8', '0', '8'};

    private JsonOut()
    {
    }

    /**
     * Write a long in decimal.
     *
     * @param out   destination.
     * @param value the number.
     */
    public static void writeLong(final ByteBuf out, final long value)
    {
        if (value == Long.MIN_VALUE)
        {
            out.writeBytes(MIN_LONG);
            return;
        }
        long v = value;
        if (v < 0)
        {
            out.writeByte('-');
            v = -v;
        }
        if (v < 10)
        {
            out.writeByte((int)('0' + v));
            return;
        }
        long divisor = 1;
        while (v / divisor >= 10)
        {
            divisor *= 10;
        }
        while (divisor > 0)
        {
            out.writeByte((int)('0' + (v / divisor) % 10));
            divisor /= 10;
        }
    }

    /**
     * Write a quoted JSON string from ASCII bytes, escaping quotes, backslashes and control or non-ASCII bytes.
     *
     * @param out    destination.
     * @param bytes  source.
     * @param offset start.
     * @param length bytes.
     */
    public static void writeString(final ByteBuf out, final byte[] bytes, final int offset, final int length)
    {
        out.writeByte('"');
        for (int i = offset; i < offset + length; i++)
        {
            writeChar(out, bytes[i] & 0xFF);
        }
        out.writeByte('"');
    }

    /**
     * Write a quoted JSON string, escaping as needed (characters above U+007F are written as escapes).
     *
     * @param out   destination.
     * @param value the text.
     */
    public static void writeString(final ByteBuf out, final CharSequence value)
    {
        out.writeByte('"');
        for (int i = 0, n = value.length(); i < n; i++)
        {
            writeChar(out, value.charAt(i));
        }
        out.writeByte('"');
    }

    private static void writeChar(final ByteBuf out, final int c)
    {
        if (c == '"' || c == '\\')
        {
            out.writeByte('\\');
            out.writeByte(c);
        }
        else if (c >= 0x20 && c < 0x7F)
        {
            out.writeByte(c);
        }
        else
        {
            out.writeByte('\\');
            out.writeByte('u');
            out.writeByte(HEX[(c >> 12) & 0xF]);
            out.writeByte(HEX[(c >> 8) & 0xF]);
            out.writeByte(HEX[(c >> 4) & 0xF]);
            out.writeByte(HEX[c & 0xF]);
        }
    }

    /**
     * Write constant ASCII bytes (keys, punctuation) prepared once.
     *
     * @param out   destination.
     * @param ascii prepared bytes.
     */
    public static void writeRaw(final ByteBuf out, final byte[] ascii)
    {
        out.writeBytes(ascii);
    }

    /**
     * @param text ASCII text.
     * @return its bytes, for {@link #writeRaw}.
     */
    public static byte[] ascii(final String text)
    {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
