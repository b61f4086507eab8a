package io.flashsale.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.flashsale.gateway.codec.OrderRequest;
import io.flashsale.gateway.codec.OrderRequestDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The gateway's hand-written {@code POST /v1/orders} body decoder on a direct buffer, as the event loop sees it:
 * the load generator's compact body, the same with JSON whitespace, and one with an escaped requestId. Run with
 * {@code -prof gc} to see the allocation per decode (expected ~0 B/op).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class OrderRequestDecodingBenchmark
{
    @Param({"compact", "spaced", "escaped"})
    private String body;

    private final OrderRequestDecoder decoder = new OrderRequestDecoder();
    private final OrderRequest request = new OrderRequest();
    private ByteBuf buffer;

    /**
     * Build the body in a direct buffer.
     */
    @Setup
    public void setUp()
    {
        final String json;
        switch (body)
        {
            case "spaced":
                json = "{ \"sku\" : 1001,\n  \"user\" : 4242424,\n  \"qty\" : 1,\n  \"requestId\" : " +
                    "\"lg3k2j1h-123456789\" }";
                break;
            case "escaped":
                json = "{\"sku\":1001,\"user\":4242424,\"qty\":1,\"requestId\":\"lg\\u0033k2j1h-\\\"123456789\\\"\"}";
                break;
            default:
                json = "{\"sku\":1001,\"user\":4242424,\"qty\":1,\"requestId\":\"lg3k2j1h-123456789\"}";
                break;
        }
        final byte[] bytes = json.getBytes(StandardCharsets.US_ASCII);
        buffer = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
        if (decoder.decode(buffer, OrderRequest.BUY_FIELDS, request) != OrderRequestDecoder.OK)
        {
            throw new IllegalStateException("benchmark body does not decode: " + json);
        }
    }

    /**
     * Release the buffer.
     */
    @TearDown
    public void tearDown()
    {
        buffer.release();
    }

    /**
     * @return the decoded user (keeps the work observable).
     */
    @Benchmark
    public long decodeBuy()
    {
        decoder.decode(buffer, OrderRequest.BUY_FIELDS, request);
        return request.user() + request.requestIdLength();
    }
}
