package io.flashsale.gateway.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

class OrderRequestDecoderTest
{
    private static final ObjectMapper STRICT = new ObjectMapper()
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String VALID = "{\"sku\":102,\"user\":42,\"qty\":2,\"requestId\":\"abc-123\"}";

    private final OrderRequestDecoder decoder = new OrderRequestDecoder();
    private final OrderRequest request = new OrderRequest();

    private int decode(final String body)
    {
        return decode(body.getBytes(StandardCharsets.UTF_8));
    }

    private int decode(final byte[] body)
    {
        final ByteBuf buf = Unpooled.wrappedBuffer(body);
        try
        {
            final int reader = buf.readerIndex();
            final int result = decoder.decode(buf, OrderRequest.BUY_FIELDS, request);
            assertEquals(reader, buf.readerIndex());
            return result;
        }
        finally
        {
            buf.release();
        }
    }

    private String requestId()
    {
        final int length = Math.min(64, request.requestIdLength());
        return new String(request.requestId(), 0, length, StandardCharsets.US_ASCII);
    }

    @Test
    void shouldDecodeAValidBodyIntoPrimitives()
    {
        assertEquals(OrderRequestDecoder.OK, decode(VALID));
        assertEquals(102, request.sku());
        assertEquals(42, request.user());
        assertEquals(2, request.qty());
        assertEquals("abc-123", requestId());
    }

    @Test
    void shouldAcceptWhitespaceAnyOrderEscapesAndExtremes()
    {
        assertEquals(OrderRequestDecoder.OK, decode(
            " \r\n{ \"requestId\" : \"a\\\"b\\\\c\\u0041\" ,\t\"qty\":-2147483648, \"user\" : 9223372036854775807," +
            "\"sku\":-9223372036854775808 }\n"));
        assertEquals("a\"b\\cA", requestId());
        assertEquals(Integer.MIN_VALUE, request.qty());
        assertEquals(Long.MAX_VALUE, request.user());
        assertEquals(Long.MIN_VALUE, request.sku());
    }

    @Test
    void shouldCountOverlongRequestIdsWithoutOverrunningTheBuffer()
    {
        assertEquals(OrderRequestDecoder.OK,
            decode("{\"sku\":1,\"user\":1,\"qty\":1,\"requestId\":\"" + "y".repeat(500) + "\"}"));
        assertEquals(500, request.requestIdLength());
    }

    @Test
    void shouldRefuseMalformedOrWrongTypedBodies()
    {
        final String[] bad = {
            "",
            " ",
            "{",
            "}",
            "[]",
            "null",
            "{\"sku\":1,\"user\":1,\"qty\":1,\"requestId\":\"x\"} x",
            "{\"sku\":1,\"user\":1,\"qty\":1,\"requestId\":\"x\"}}",
            "{\"sku\":1,,\"user\":1}",
            "{\"sku\":01,\"user\":1,\"qty\":1,\"requestId\":\"x\"}",
            "{\"sku\":1.0,\"user\":1,\"qty\":1,\"requestId\":\"x\"}",
            "{\"sku\":1e3,\"user\":1,\"qty\":1,\"requestId\":\"x\"}",
            "{\"sku\":-,\"user\":1,\"qty\":1,\"requestId\":\"x\"}",
            "{\"sku\":9223372036854775808,\"user\":1,\"qty\":1,\"requestId\":\"x\"}",
            "{\"sku\":1,\"user\":1,\"qty\":2147483648,\"requestId\":\"x\"}",
            "{\"sku\":1,\"user\":1,\"qty\":1,\"requestId\":\"x\",\"sku\":2}",
            "{\"sku\":1,\"user\":1,\"qty\":1,\"requestId\":\"x\",\"extra\":2}",
            "{\"sku\":1,\"user\":1,\"qty\":1,\"requestId\":null}",
            "{\"sku\":true,\"user\":1,\"qty\":1,\"requestId\":\"x\"}",
            "{\"sku\":1,\"user\":1,\"qty\":1,\"requestId\":\"x\\q\"}",
            "{\"sku\":1,\"user\":1,\"qty\":1,\"requestId\":\"x\n\"}",
            "{\"sku\":1,\"user\":1,\"qty\":1,\"requestId\":\"\\u12\"}",
            "{\"sku\":1,\"user\":1,\"qty\":1}",
            "{sku:1,\"user\":1,\"qty\":1,\"requestId\":\"x\"}",
            "{\"sku\":1 2,\"user\":1,\"qty\":1,\"requestId\":\"x\"}",
        };
        for (final String body : bad)
        {
            final int error = decode(body);
            assertNotEquals(OrderRequestDecoder.OK, error, body);
            assertFalse(OrderRequestDecoder.message(error).isEmpty(), body);
        }
        assertEquals("missing field requestId",
            OrderRequestDecoder.message(decode("{\"sku\":1,\"user\":1,\"qty\":1}")));
        assertEquals("qty must be an integer",
            OrderRequestDecoder.message(decode("{\"sku\":1,\"user\":1,\"qty\":\"1\",\"requestId\":\"x\"}")));
    }

    @Test
    void shouldNeverThrowAndAgreeWithAStrictJsonParserOnRandomAndMutatedBodies()
    {
        final Random random = new Random(20261111L);
        final byte[] valid = VALID.getBytes(StandardCharsets.US_ASCII);
        final byte[] alphabet = "{}[]\":,0123456789-+.eE \t\r\nabcdefghijklmnopqrstuvwxyzIdsku\\/ntf".getBytes(
            StandardCharsets.US_ASCII);
        int accepted = 0;
        for (int round = 0; round < 50_000; round++)
        {
            final byte[] body;
            if (round % 4 == 0)
            {
                body = new byte[random.nextInt(80)];
                for (int i = 0; i < body.length; i++)
                {
                    body[i] = random.nextBoolean() ? alphabet[random.nextInt(alphabet.length)] : (byte)random.nextInt();
                }
            }
            else
            {
                body = mutate(valid, random, alphabet);
            }
            final int result = decode(body);
            final JsonNode oracle = oracle(body);
            if (result == OrderRequestDecoder.OK)
            {
                accepted++;
                if (ascii(body))
                {
                    assertTrue(oracle != null, () -> "accepted garbage: " + new String(body, StandardCharsets.UTF_8));
                    assertEquals(oracle.get("sku").longValue(), request.sku());
                    assertEquals(oracle.get("user").longValue(), request.user());
                    assertEquals(oracle.get("qty").intValue(), request.qty());
                    if (oracle.get("requestId").textValue().chars().allMatch(c -> c < 0x80))
                    {
                        assertEquals(oracle.get("requestId").textValue().length(), request.requestIdLength());
                    }
                }
            }
            else
            {
                assertFalse(OrderRequestDecoder.message(result).isEmpty());
                assertTrue(oracle == null, () -> "refused valid body: " + new String(body, StandardCharsets.UTF_8));
            }
        }
        assertTrue(accepted > 250, "fuzzing should also produce valid bodies: " + accepted);
    }

    private static byte[] mutate(final byte[] valid, final Random random, final byte[] alphabet)
    {
        final byte[] body = new byte[valid.length + 8];
        System.arraycopy(valid, 0, body, 0, valid.length);
        int length = valid.length;
        final int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++)
        {
            final int at = random.nextInt(length + 1);
            switch (random.nextInt(4))
            {
                case 0:
                    if (at < length)
                    {
                        body[at] = alphabet[random.nextInt(alphabet.length)];
                    }
                    break;
                case 1:
                    if (at < length)
                    {
                        System.arraycopy(body, at + 1, body, at, length - at - 1);
                        length--;
                    }
                    break;
                case 2:
                    if (length < body.length)
                    {
                        System.arraycopy(body, at, body, at + 1, length - at);
                        body[at] = alphabet[random.nextInt(alphabet.length)];
                        length++;
                    }
                    break;
                default:
                    if (at < length)
                    {
                        body[at] = (byte)random.nextInt();
                    }
                    break;
            }
        }
        final byte[] out = new byte[length];
        System.arraycopy(body, 0, out, 0, length);
        return out;
    }

    private static boolean ascii(final byte[] body)
    {
        for (final byte b : body)
        {
            if (b < 0)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the body as a strict parser reads it if it is a valid buy body (object of exactly the four fields, each
     * once, integers in range, requestId a string), else null.
     */
    private static JsonNode oracle(final byte[] body)
    {
        final JsonNode root;
        try
        {
            root = STRICT.readTree(body);
        }
        catch (final Exception ex)
        {
            return null;
        }
        if (root == null || !root.isObject() || root.size() != 4)
        {
            return null;
        }
        final JsonNode sku = root.get("sku");
        final JsonNode user = root.get("user");
        final JsonNode qty = root.get("qty");
        final JsonNode id = root.get("requestId");
        if (sku == null || user == null || qty == null || id == null)
        {
            return null;
        }
        final boolean ok = sku.isIntegralNumber() && sku.canConvertToLong() && user.isIntegralNumber() &&
            user.canConvertToLong() && qty.isIntegralNumber() && qty.canConvertToInt() && id.isTextual();
        return ok ? root : null;
    }
}
