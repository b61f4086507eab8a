package io.flashsale.engine.state;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * SipHash (Aumasson and Bernstein), the keyed hash that hash-flooding defences use: without the 128-bit key an
 * attacker cannot predict which inputs collide. The message is an 8-byte prefix (little-endian) followed by bytes.
 * <p>
 * {@link #hash13} (one compression round, three finalisation rounds, the variant Rust's standard maps use) is what the
 * engine runs; {@link #hash24} is the reference variant, kept so the implementation can be checked against published
 * vectors and other implementations. Stateless, allocation-free, thread-safe.
 */
public final class SipHash
{
    private static final VarHandle LONG_LE =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private SipHash()
    {
    }

    /**
     * SipHash-1-3 of {@code prefix} (8 bytes, little-endian) followed by {@code bytes[0..length)}.
     *
     * @param k0     first key half.
     * @param k1     second key half.
     * @param prefix 8 bytes hashed before {@code bytes}.
     * @param bytes  message bytes.
     * @param length how many of them.
     * @return the 64-bit hash.
     */
    public static long hash13(final long k0, final long k1, final long prefix, final byte[] bytes, final int length)
    {
        return hash(1, 3, k0, k1, prefix, bytes, length);
    }

    /**
     * SipHash-2-4 of {@code prefix} (8 bytes, little-endian) followed by {@code bytes[0..length)}.
     *
     * @param k0     first key half.
     * @param k1     second key half.
     * @param prefix 8 bytes hashed before {@code bytes}.
     * @param bytes  message bytes.
     * @param length how many of them.
     * @return the 64-bit hash.
     */
    public static long hash24(final long k0, final long k1, final long prefix, final byte[] bytes, final int length)
    {
        return hash(2, 4, k0, k1, prefix, bytes, length);
    }

    private static long hash(
        final int compressionRounds,
        final int finalRounds,
        final long k0,
        final long k1,
        final long prefix,
        final byte[] bytes,
        final int length)
    {
        long v0 = 0x736f6d6570736575L ^ k0;
        long v1 = 0x646f72616e646f6dL ^ k1;
        long v2 = 0x6c7967656e657261L ^ k0;
        long v3 = 0x7465646279746573L ^ k1;
        final int words = length >>> 3;
        // block -1 is the prefix, blocks 0..words-1 the whole words, block words the tail with the total length,
        // and the pass after it the finalisation (no message word, 0xff into v2)
        for (int block = -1; block <= words + 1; block++)
        {
            final long m;
            final int rounds;
            if (block <= words)
            {
                m = block < 0 ? prefix : block < words ? (long)LONG_LE.get(bytes, block << 3) :
                    ((long)(length + 8) << 56) | tail(bytes, words << 3, length & 7);
                rounds = compressionRounds;
            }
            else
            {
                m = 0;
                v2 ^= 0xff;
                rounds = finalRounds;
            }
            v3 ^= m;
            for (int r = 0; r < rounds; r++)
            {
                v0 += v1;
                v1 = Long.rotateLeft(v1, 13) ^ v0;
                v0 = Long.rotateLeft(v0, 32);
                v2 += v3;
                v3 = Long.rotateLeft(v3, 16) ^ v2;
                v0 += v3;
                v3 = Long.rotateLeft(v3, 21) ^ v0;
                v2 += v1;
                v1 = Long.rotateLeft(v1, 17) ^ v2;
                v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }

    private static long tail(final byte[] bytes, final int offset, final int count)
    {
        long t = 0;
        for (int b = count - 1; b >= 0; b--)
        {
            t = (t << 8) | (bytes[offset + b] & 0xFFL);
        }
        return t;
    }
}
