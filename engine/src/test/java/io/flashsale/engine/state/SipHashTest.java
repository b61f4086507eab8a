package io.flashsale.engine.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.google.common.hash.Hashing;

/**
 * The hand-written SipHash against the published reference vector and against Guava's implementation.
 */
class SipHashTest
{
    private static final long K0 = 0x0706050403020100L;
    private static final long K1 = 0x0f0e0d0c0b0a0908L;

    @Test
    void shouldMatchTheReferenceVectorOfTheSipHashPaper()
    {
        // SipHash-2-4, key 00..0f, message 00..0e (15 bytes): a129ca6149be45e5 (Aumasson and Bernstein, appendix A)
        final byte[] rest = {8, 9, 10, 11, 12, 13, 14};
        assertEquals(0xa129ca6149be45e5L, SipHash.hash24(K0, K1, 0x0706050403020100L, rest, rest.length));
    }

    @Test
    void shouldAgreeWithGuavaOnEveryLengthAndRandomKeys()
    {
        final SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++)
        {
            final long k0 = random.nextLong();
            final long k1 = random.nextLong();
            final long prefix = random.nextLong();
            final byte[] bytes = new byte[i % 73];
            random.nextBytes(bytes);
            final byte[] message = ByteBuffer.allocate(8 + bytes.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(prefix).put(bytes).array();
            assertEquals(Hashing.sipHash24(k0, k1).hashBytes(message).asLong(),
                SipHash.hash24(k0, k1, prefix, bytes, bytes.length), "message of " + message.length + " bytes");
        }
    }

    @Test
    void shouldDependOnTheKey()
    {
        final byte[] id = "r-1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertNotEquals(SipHash.hash13(K0, K1, 7, id, id.length), SipHash.hash13(K0, K1 + 1, 7, id, id.length));
        assertNotEquals(SipHash.hash13(K0, K1, 7, id, id.length), SipHash.hash13(K0, K1, 8, id, id.length));
    }
}
