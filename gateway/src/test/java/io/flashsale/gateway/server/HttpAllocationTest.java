package io.flashsale.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.flashsale.gateway.support.NodeTest;
import io.flashsale.gateway.support.PipelinedBuys;
import io.flashsale.gateway.support.ThreadAllocation;

/**
 * What the event loop allocates per buy over a real socket: only what Netty's request decoder creates (the request
 * line's strings, the header map and entries, the request and last-content objects, about 900 bytes for these
 * requests). Responses are encoded straight into pooled buffers, so a response, header map or status object per
 * request (about 540 more bytes, as before) fails this.
 */
class HttpAllocationTest extends NodeTest
{
    private static final int BUYS = 20_000;
    private static final long BYTES_PER_BUY_AT_MOST = 1_100;

    @Test
    void shouldAllocateOnTheEventLoopOnlyWhatNettysDecoderNeeds() throws Exception
    {
        final List<Thread> loops = ThreadAllocation.named(name -> name.startsWith("flashsale-http"));
        assertEquals(1, loops.size(), "one event loop: " + loops);
        PipelinedBuys.send(server.port(), 102, 1, BUYS); // warm-up: the JIT, pooled buffers, the sold-out path
        final long[] allocated = ThreadAllocation.during(loops, () -> PipelinedBuys.send(server.port(), 102,
            1 + BUYS, BUYS));
        final double perBuy = (double)allocated[0] / BUYS;
        System.out.printf("event loop: %,d bytes over %,d buys, %.0f per buy%n", allocated[0], BUYS, perBuy);
        assertTrue(perBuy < BYTES_PER_BUY_AT_MOST, "event loop allocated " + perBuy + " bytes per buy");
    }
}
