package io.flashsale.bench.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.flashsale.client.Outcome;
import io.flashsale.process.DurationConverter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The load worker's own pieces: how an answer is classified for the kind of request that got it, the follow-up
 * queue's order, and duration options. The wire format itself is tested in the client ({@code WireFormatTest}).
 */
class LoadWorkerTest
{
    private static ByteBuf ascii(final String s)
    {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    @Test
    void shouldClassifySuccessesByTheKindOfRequest()
    {
        assertEquals(Outcome.DUPLICATE, LoadWorker.classify(RequestKind.RESUBMIT, 200, ascii("{\"duplicate\":true}")));
        assertEquals(Outcome.PAID, LoadWorker.classify(RequestKind.PAY, 200, ascii("{}")));
        assertEquals(Outcome.RESERVED, LoadWorker.classify(RequestKind.BUY, 201, ascii("{}")));
    }

    @Test
    void shouldFollowTheFollowUpHeapOrder()
    {
        final FollowUpQueue q = new FollowUpQueue();
        final long[] times = {50, 10, 40, 10, 30, 20, 5000, 1};
        for (final long t : times)
        {
            final Exchange x = new Exchange();
            x.intendedNanos = t;
            q.add(x);
        }
        long previous = Long.MIN_VALUE;
        int n = 0;
        while (!q.isEmpty())
        {
            final long t = q.poll().intendedNanos;
            assertTrue(t >= previous);
            previous = t;
            n++;
        }
        assertEquals(times.length, n);
    }

    @Test
    void shouldParseDurations()
    {
        assertEquals(60_000_000_000L, DurationConverter.parseNanos("60s"));
        assertEquals(60_000_000_000L, DurationConverter.parseNanos("60"));
        assertEquals(120_000_000_000L, DurationConverter.parseNanos("2m"));
        assertEquals(250_000_000L, DurationConverter.parseNanos("250ms"));
        assertEquals(200_000L, DurationConverter.parseNanos("200us"));
        assertThrows(RuntimeException.class, () -> DurationConverter.parseNanos("fast"));
    }
}
