package io.flashsale.engine.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LongFifoTest
{
    @Test
    void shouldBehaveLikeAQueueUnderRandomAddsAndPollsAcrossPages()
    {
        final LongFifo fifo = new LongFifo();
        final ArrayDeque<Long> model = new ArrayDeque<>();
        final SplittableRandom random = new SplittableRandom(42);
        long next = 0;
        for (int round = 0; round < 200; round++)
        {
            final int adds = random.nextInt(40_000);
            for (int i = 0; i < adds; i++)
            {
                fifo.add(next);
                model.add(next++);
            }
            final int polls = random.nextInt(45_000);
            for (int i = 0; i < polls && !model.isEmpty(); i++)
            {
                assertEquals(model.peek(), fifo.peek());
                assertEquals(model.poll(), fifo.poll());
            }
            assertEquals(model.size(), fifo.size());
            assertEquals(model.isEmpty(), fifo.isEmpty());
        }
        while (!model.isEmpty())
        {
            assertEquals(model.poll(), fifo.poll());
        }
        assertTrue(fifo.isEmpty());
    }
}
