package io.flashsale.gateway.codec;

import io.netty.buffer.ByteBuf;

/**
 * Hand-written decoder for the small fixed JSON bodies of the order API, straight from the request {@link ByteBuf}
 * into an {@link OrderRequest}: no intermediate strings, no tree, no allocation.
 * <p>
 * Accepts exactly one JSON object whose members are among {@code sku}, {@code user}, {@code qty} (integers that fit a
 * long, a long and an int) and {@code requestId} (a string), each at most once, with JSON whitespace anywhere JSON
 * allows it. Everything else is refused with an error code whose {@link #message(int) message} is safe to show a
 * client. Only syntax and types are checked here: value ranges and the request id's character set are business rules
 * the engine checks. String escapes are decoded; non-ASCII characters are passed on as non-printable bytes so the
 * engine refuses them.
 * <p>
 * One instance per thread (event loop); not thread-safe. Never throws on any input.
 */
public final class OrderRequestDecoder
{
    /** Decoded successfully. */
    public static final int OK = 0;

    private static final int MALFORMED = 1;
    private static final int UNKNOWN_FIELD = 2;
    private static final int DUPLICATE = 3;
    private static final int NOT_INTEGER = 4;
    private static final int OUT_OF_RANGE = 5;
    private static final int NOT_STRING = 6;
    private static final int MISSING = 7;
    private static final int KINDS = 8;

    private static final int F_SKU = 0;
    private static final int F_USER = 1;
    private static final int F_QTY = 2;
    private static final int F_REQUEST_ID = 3;
    private static final String[] FIELD_NAMES = {"sku", "user", "qty", "requestId"};
    private static final byte[][] FIELD_BYTES = {
        {'s', 'k', 'u'}, {'u', 's', 'e', 'r'}, {'q', 't', 'y'}, {'r', 'e', 'q', 'u', 'e', 's', 't', 'I', 'd'}};
    private static final String[] MESSAGES = buildMessages();
    private static final byte NON_ASCII = 0;

    private ByteBuf buf;
    private int pos;
    private int end;
    private int errorField;

    private static String[] buildMessages()
    {
        final String[] messages = new String[KINDS * FIELD_NAMES.length];
        for (int f = 0; f < FIELD_NAMES.length; f++)
        {
            final String name = FIELD_NAMES[f];
            messages[MALFORMED * 4 + f] = "malformed JSON: expected one object";
            messages[UNKNOWN_FIELD * 4 + f] = "unknown field (allowed: sku, user, qty, requestId)";
            messages[DUPLICATE * 4 + f] = "duplicate field " + name;
            messages[NOT_INTEGER * 4 + f] = name + " must be an integer";
            messages[OUT_OF_RANGE * 4 + f] = name + " is out of range";
            messages[NOT_STRING * 4 + f] = name + " must be a string";
            messages[MISSING * 4 + f] = "missing field " + name;
        }
        messages[0] = "";
        return messages;
    }

    /**
     * A client-safe message for an error code.
     *
     * @param error a value returned by {@link #decode}.
     * @return constant text (no allocation).
     */
    public static String message(final int error)
    {
        return error > 0 && error < MESSAGES.length ? MESSAGES[error] : "";
    }

    /**
     * Decode a body.
     *
     * @param body     the body; its reader index is not moved.
     * @param required presence bits of the fields that must be there (see {@link OrderRequest}).
     * @param out      receives the values (cleared first).
     * @return {@link #OK} or an error code for {@link #message(int)}.
     */
    public int decode(final ByteBuf body, final int required, final OrderRequest out)
    {
        out.clear();
        buf = body;
        pos = body.readerIndex();
        end = body.writerIndex();
        errorField = 0;
        try
        {
            final int kind = object(out);
            if (kind != OK)
            {
                return kind * 4 + errorField;
            }
            final int missing = required & ~out.present;
            if (missing != 0)
            {
                return MISSING * 4 + Integer.numberOfTrailingZeros(missing);
            }
            return OK;
        }
        finally
        {
            buf = null;
        }
    }

    private int object(final OrderRequest out)
    {
        skipWhitespace();
        if (!consume('{'))
        {
            return MALFORMED;
        }
        skipWhitespace();
        if (!consume('}'))
        {
            while (true)
            {
                final int kind = member(out);
                if (kind != OK)
                {
                    return kind;
                }
                skipWhitespace();
                if (consume('}'))
                {
                    break;
                }
                if (!consume(','))
                {
                    return MALFORMED;
                }
                skipWhitespace();
            }
        }
        skipWhitespace();
        return pos == end ? OK : MALFORMED;
    }

    private int member(final OrderRequest out)
    {
        if (!consume('"'))
        {
            return MALFORMED;
        }
        final int field = fieldName();
        if (field < 0)
        {
            return field == -1 ? UNKNOWN_FIELD : MALFORMED;
        }
        errorField = field;
        skipWhitespace();
        if (!consume(':'))
        {
            return MALFORMED;
        }
        skipWhitespace();
        final int bit = 1 << field;
        if ((out.present & bit) != 0)
        {
            return DUPLICATE;
        }
        out.present |= bit;
        if (field == F_REQUEST_ID)
        {
            return requestId(out);
        }
        return integer(field, out);
    }

    /**
     * @return the field index; -1 for a well-formed unknown name; -2 for a malformed name.
     */
    private int fieldName()
    {
        final int start = pos;
        while (pos < end)
        {
            final byte b = buf.getByte(pos);
            if (b == '"')
            {
                final int length = pos - start;
                pos++;
                return match(start, length);
            }
            if (b == '\\' || (b >= 0 && b < 0x20))
            {
                return skipUnknownName(b);
            }
            pos++;
        }
        return -2;
    }

    private int skipUnknownName(final byte first)
    {
        if (first != '\\')
        {
            return -2;
        }
        return skipString() ? -1 : -2;
    }

    private int match(final int start, final int length)
    {
        for (int f = 0; f < FIELD_BYTES.length; f++)
        {
            final byte[] name = FIELD_BYTES[f];
            if (name.length == length && sameBytes(start, name))
            {
                return f;
            }
        }
        return -1;
    }

    private boolean sameBytes(final int start, final byte[] name)
    {
        for (int i = 0; i < name.length; i++)
        {
            if (buf.getByte(start + i) != name[i])
            {
                return false;
            }
        }
        return true;
    }

    private boolean skipString()
    {
        while (pos < end)
        {
            final byte b = buf.getByte(pos++);
            if (b == '"')
            {
                return true;
            }
            if (b >= 0 && b < 0x20)
            {
                return false;
            }
            if (b == '\\' && escape() < 0)
            {
                return false;
            }
        }
        return false;
    }

    private int integer(final int field, final OrderRequest out)
    {
        if (pos >= end)
        {
            return MALFORMED;
        }
        final byte first = buf.getByte(pos);
        if (first != '-' && (first < '0' || first > '9'))
        {
            return isValueStart(first) ? NOT_INTEGER : MALFORMED;
        }
        final boolean negative = first == '-';
        if (negative)
        {
            pos++;
        }
        final int digitsStart = pos;
        long value = 0;
        boolean overflow = false;
        while (pos < end)
        {
            final byte b = buf.getByte(pos);
            if (b < '0' || b > '9')
            {
                break;
            }
            final int digit = b - '0';
            if (value < (Long.MIN_VALUE + digit) / 10)
            {
                overflow = true;
            }
            value = value * 10 - digit;
            pos++;
        }
        final int digits = pos - digitsStart;
        if (digits == 0 || (digits > 1 && buf.getByte(digitsStart) == '0'))
        {
            return MALFORMED;
        }
        if (pos < end)
        {
            final byte next = buf.getByte(pos);
            if (next == '.' || next == 'e' || next == 'E')
            {
                return skipNumberTail() ? NOT_INTEGER : MALFORMED;
            }
        }
        if (overflow || (!negative && value == Long.MIN_VALUE))
        {
            return OUT_OF_RANGE;
        }
        final long result = negative ? value : -value;
        return store(field, result, out);
    }

    private static int store(final int field, final long value, final OrderRequest out)
    {
        switch (field)
        {
            case F_SKU:
                out.sku = value;
                return OK;
            case F_USER:
                out.user = value;
                return OK;
            default:
                if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)
                {
                    return OUT_OF_RANGE;
                }
                out.qty = (int)value;
                return OK;
        }
    }

    private boolean skipNumberTail()
    {
        if (consume('.'))
        {
            if (skipDigits() == 0)
            {
                return false;
            }
        }
        if (consume('e') || consume('E'))
        {
            if (!consume('+'))
            {
                consume('-');
            }
            return skipDigits() > 0;
        }
        return true;
    }

    private int skipDigits()
    {
        final int start = pos;
        while (pos < end)
        {
            final byte b = buf.getByte(pos);
            if (b < '0' || b > '9')
            {
                break;
            }
            pos++;
        }
        return pos - start;
    }

    private boolean isValueStart(final byte b)
    {
        switch (b)
        {
            case '"':
            case '{':
            case '[':
                return true;
            case 't':
                return literal("true");
            case 'f':
                return literal("false");
            case 'n':
                return literal("null");
            default:
                return false;
        }
    }

    private boolean literal(final String word)
    {
        final int n = word.length();
        if (end - pos < n)
        {
            return false;
        }
        for (int i = 0; i < n; i++)
        {
            if (buf.getByte(pos + i) != word.charAt(i))
            {
                return false;
            }
        }
        pos += n;
        return true;
    }

    private int requestId(final OrderRequest out)
    {
        if (pos >= end)
        {
            return MALFORMED;
        }
        final byte first = buf.getByte(pos);
        if (first != '"')
        {
            final boolean number = first == '-' || (first >= '0' && first <= '9');
            return number || isValueStart(first) ? NOT_STRING : MALFORMED;
        }
        pos++;
        final byte[] dst = out.requestId;
        int length = 0;
        while (pos < end)
        {
            final byte b = buf.getByte(pos++);
            final int c;
            if (b == '"')
            {
                out.requestIdLength = length;
                return OK;
            }
            if (b >= 0 && b < 0x20)
            {
                return MALFORMED;
            }
            if (b == '\\')
            {
                c = escape();
                if (c < 0)
                {
                    return MALFORMED;
                }
            }
            else
            {
                c = b & 0xFF;
            }
            if (length < dst.length)
            {
                dst[length] = c < 0x80 ? (byte)c : NON_ASCII;
            }
            length++;
        }
        return MALFORMED;
    }

    /**
     * Decode one escape after the backslash.
     *
     * @return the character (0..0xFFFF), or -1 if malformed.
     */
    private int escape()
    {
        if (pos >= end)
        {
            return -1;
        }
        final byte b = buf.getByte(pos++);
        switch (b)
        {
            case '"':
            case '\\':
            case '/':
                return b;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                return unicodeEscape();
            default:
                return -1;
        }
    }

    private int unicodeEscape()
    {
        if (end - pos < 4)
        {
            return -1;
        }
        int c = 0;
        for (int i = 0; i < 4; i++)
        {
            final int digit = Character.digit(buf.getByte(pos++), 16);
            if (digit < 0)
            {
                return -1;
            }
            c = (c << 4) | digit;
        }
        return c;
    }

    private void skipWhitespace()
    {
        while (pos < end)
        {
            final byte b = buf.getByte(pos);
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r')
            {
                return;
            }
            pos++;
        }
    }

    private boolean consume(final char c)
    {
        if (pos < end && buf.getByte(pos) == c)
        {
            pos++;
            return true;
        }
        return false;
    }
}
