package io.flashsale.bench.jmh;

/**
 * Writes UUID-shaped client request ids ({@code 8-4-4-4-12} lower-case hex, 36 ASCII bytes) into caller-owned
 * arrays without allocating, so benchmarks and sizing tools can make millions of distinct, realistic ids cheaply.
 */
public final class RequestIds
{
    /** Length of a UUID-shaped id in bytes. */
    public static final int LENGTH = 36;

    private static final byte[] HEX = {
        '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    private static final int LAST_GROUP_OFFSET = 24;
    private static final int LAST_GROUP_DIGITS = 12;

    private RequestIds()
    {
    }

    /**
     * Write a whole id from 128 bits.
     *
     * @param dst    destination, at least {@link #LENGTH} bytes from {@code offset}.
     * @param offset where the id starts.
     * @param high   first 64 bits (groups 1 to 3).
     * @param low    last 64 bits (groups 4 and 5).
     */
    public static void write(final byte[] dst, final int offset, final long high, final long low)
    {
        int at = offset;
        for (int nibble = 15; nibble >= 0; nibble--)
        {
            if (nibble == 7 || nibble == 3)
            {
                dst[at++] = '-';
            }
            dst[at++] = HEX[(int)(high >>> (nibble * 4)) & 0xF];
        }
        dst[at++] = '-';
        for (int nibble = 15; nibble >= 0; nibble--)
        {
            if (nibble == 11)
            {
                dst[at++] = '-';
            }
            dst[at++] = HEX[(int)(low >>> (nibble * 4)) & 0xF];
        }
    }

    /**
     * Rewrite only the last group (12 hex digits, 48 bits) of an id already written with {@link #write}: the cheap
     * way to make each of a stream of ids unique.
     *
     * @param dst    array holding the id.
     * @param offset where the id starts.
     * @param value  the low 48 bits are written.
     */
    public static void writeLastGroup(final byte[] dst, final int offset, final long value)
    {
        final int start = offset + LAST_GROUP_OFFSET;
        for (int i = LAST_GROUP_DIGITS - 1; i >= 0; i--)
        {
            dst[start + LAST_GROUP_DIGITS - 1 - i] = HEX[(int)(value >>> (i * 4)) & 0xF];
        }
    }
}
