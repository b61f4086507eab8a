package io.flashsale.gateway.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.flashsale.engine.command.OrderState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.util.AsciiString;

/**
 * Responses are encoded by hand into one buffer each; every one is read back through Netty's own client decoder,
 * including 2,000 random codes, content types, bodies (binary, up to 20 KB), extra headers and closings.
 */
class ResponseEncoderTest
{
    private final ByteBufAllocator alloc = new UnpooledByteBufAllocator(false);

    private static ReplySlot reserved()
    {
        final ReplySlot s = new ReplySlot();
        s.orderId = 42;
        s.orderState = OrderState.RESERVED;
        s.skuId = 501;
        s.userId = 7;
        s.quantity = 2;
        s.price = 1500;
        s.deadline = 1_700_000_000_000L;
        return s;
    }

    private static String body(final FullHttpResponse r)
    {
        return r.content().toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldEncodeAnOrderAsOneCompleteResponseWithItsLength()
    {
        final ByteBuf encoded = ResponseEncoder.order(alloc, ApiCode.RESERVED, reserved());
        assertEquals(201, ResponseEncoder.statusCode(encoded));
        final FullHttpResponse r = EncodedResponses.decode(encoded);
        assertEquals(201, r.status().code());
        assertEquals("Created", r.status().reasonPhrase());
        assertEquals("application/json", r.headers().get("Content-Type"));
        assertEquals(r.content().readableBytes(), r.headers().getInt("Content-Length"));
        assertEquals(
            "{\"orderId\":42,\"status\":\"RESERVED\",\"sku\":501,\"user\":7,\"qty\":2,\"price\":1500," +
            "\"paymentDeadline\":1700000000000}", body(r));
        assertNull(r.headers().get("Connection"));
        assertNull(r.headers().get("Retry-After"));
        r.release();
    }

    @Test
    void shouldAddRetryAfterAndAuthenticateWhereTheCodeWantsThem()
    {
        final FullHttpResponse overloaded = EncodedResponses.decode(ResponseEncoder.error(alloc, ApiCode.OVERLOADED));
        assertEquals(503, overloaded.status().code());
        assertEquals("1", overloaded.headers().get("Retry-After"));
        overloaded.release();
        final FullHttpResponse unavailable =
            EncodedResponses.decode(ResponseEncoder.error(alloc, ApiCode.UNAVAILABLE, "no leader"));
        assertEquals("1", unavailable.headers().get("Retry-After"));
        assertEquals("{\"code\":\"UNAVAILABLE\",\"message\":\"no leader\"}", body(unavailable));
        unavailable.release();
        final FullHttpResponse unauthorized =
            EncodedResponses.decode(ResponseEncoder.error(alloc, ApiCode.UNAUTHORIZED));
        assertEquals(401, unauthorized.status().code());
        assertEquals("Bearer", unauthorized.headers().get("WWW-Authenticate"));
        unauthorized.release();
    }

    @Test
    void shouldCarryOneFurtherHeader()
    {
        final ByteBuf encoded = ResponseEncoder.content(ApiCode.METHOD_NOT_ALLOWED, ResponseEncoder.JSON,
            ResponseEncoder.errorBody(alloc, ApiCode.METHOD_NOT_ALLOWED), AsciiString.cached("allow"),
            AsciiString.cached("GET, POST"));
        final FullHttpResponse r = EncodedResponses.decode(encoded);
        assertEquals(405, r.status().code());
        assertEquals("GET, POST", r.headers().get("Allow"));
        assertEquals(r.content().readableBytes(), r.headers().getInt("Content-Length"));
        r.release();
    }

    @Test
    void shouldAddConnectionCloseWithoutTouchingTheBody()
    {
        final ByteBuf plain = ResponseEncoder.order(alloc, ApiCode.RESERVED, reserved());
        final FullHttpResponse before = EncodedResponses.decode(plain.retainedDuplicate());
        final String expected = body(before);
        before.release();
        final ByteBuf closing = ResponseEncoder.closing(plain);
        assertEquals(0, plain.refCnt(), "the original is released");
        final FullHttpResponse r = EncodedResponses.decode(closing);
        assertEquals("close", r.headers().get("Connection"));
        assertEquals(201, r.status().code());
        assertEquals(expected, body(r));
        r.release();
    }

    @Test
    void shouldDropTheBodyOfAHeadResponseButKeepItsLength()
    {
        final ByteBuf encoded = ResponseEncoder.content(ApiCode.OK, ResponseEncoder.TEXT,
            alloc.buffer().writeBytes("UP".getBytes(StandardCharsets.US_ASCII)));
        ResponseEncoder.headOnly(encoded);
        final String head = encoded.toString(StandardCharsets.US_ASCII);
        assertEquals("HTTP/1.1 200 OK\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: 2\r\n\r\n", head);
        encoded.release();
    }

    @Test
    void shouldRefuseABufferThatIsNotAnEncodedResponse()
    {
        final ByteBuf junk = alloc.buffer().writeBytes("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThrows(IllegalArgumentException.class, () -> ResponseEncoder.headOnly(junk));
        junk.release();
    }

    @Test
    void shouldEncodeTheInterimContinue()
    {
        final ByteBuf encoded = ResponseEncoder.continueResponse(alloc);
        assertEquals(100, ResponseEncoder.statusCode(encoded));
        assertEquals("HTTP/1.1 100 Continue\r\n\r\n", encoded.toString(StandardCharsets.US_ASCII));
        encoded.release();
    }

    @Test
    void shouldDecodeAsWhatWasEncodedForRandomCodesBodiesAndHeaders()
    {
        final SplittableRandom random = new SplittableRandom(20261127L);
        final ApiCode[] codes = ApiCode.values();
        final AsciiString[] types = {ResponseEncoder.JSON, ResponseEncoder.TEXT, ResponseEncoder.HTML,
            ResponseEncoder.PROMETHEUS};
        for (int i = 0; i < 2_000; i++)
        {
            final ApiCode code = codes[random.nextInt(codes.length)];
            final byte[] body = new byte[random.nextInt(random.nextBoolean() ? 64 : 20_000)];
            for (int b = 0; b < body.length; b++)
            {
                body[b] = (byte)random.nextInt(256);
            }
            final boolean extra = random.nextBoolean();
            final ByteBuf encoded = ResponseEncoder.content(code, types[i % types.length],
                alloc.buffer().writeBytes(body), extra ? AsciiString.cached("x-extra") : null,
                extra ? AsciiString.cached("v" + i) : null);
            assertEquals(code.status().code(), ResponseEncoder.statusCode(encoded));
            final boolean close = random.nextInt(4) == 0;
            final FullHttpResponse r = EncodedResponses.decode(close ? ResponseEncoder.closing(encoded) : encoded);
            final String what = "case " + i + ": " + code + ", " + body.length + " bytes";
            assertEquals(code.status(), r.status(), what);
            assertEquals(types[i % types.length].toString(), r.headers().get("Content-Type"), what);
            assertEquals(body.length, r.headers().getInt("Content-Length"), what);
            assertArrayEquals(body, ByteBufUtil.getBytes(r.content()), what);
            assertEquals(extra ? "v" + i : null, r.headers().get("X-Extra"), what);
            assertEquals(close ? "close" : null, r.headers().get("Connection"), what);
            r.release();
        }
    }
}
