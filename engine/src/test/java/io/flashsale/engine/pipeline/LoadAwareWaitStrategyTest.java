package io.flashsale.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;

/**
 * The PHASED wait yields only after busy batches: after a batch of four commands a waiter still sees a command
 * published (without a signal) within its yield window; after a single command it blocks at once and needs the
 * producer's signal. The yield window is a generous second here so the outcome does not depend on scheduling.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LoadAwareWaitStrategyTest
{
    private static final long SPIN = TimeUnit.MICROSECONDS.toNanos(10);
    private static final long YIELD = TimeUnit.SECONDS.toNanos(1);

    private final Sequence cursor = new Sequence(-1);
    private final SequenceBarrier barrier = new NoAlerts();

    @Test
    void shouldStayAwakeAfterABusyBatchAndSeeAnUnsignalledPublication() throws Exception
    {
        final LoadAwareWaitStrategy strategy = new LoadAwareWaitStrategy(SPIN, YIELD, 4);
        cursor.set(3);
        assertEquals(3, strategy.waitFor(0, cursor, cursor, barrier), "a batch of four");
        final CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(() -> waitFor(strategy, 4));
        Thread.sleep(50);
        cursor.set(4); // published, but the producer never signals
        assertEquals(4, waiter.get(5, TimeUnit.SECONDS), "seen while yielding");
    }

    @Test
    void shouldBlockRightAfterTheSpinWhenCommandsComeOneAtATime() throws Exception
    {
        final LoadAwareWaitStrategy strategy = new LoadAwareWaitStrategy(SPIN, YIELD, 4);
        cursor.set(0);
        assertEquals(0, strategy.waitFor(0, cursor, cursor, barrier), "a batch of one");
        final CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(() -> waitFor(strategy, 1));
        Thread.sleep(50);
        cursor.set(1);
        assertThrows(TimeoutException.class, () -> waiter.get(300, TimeUnit.MILLISECONDS), "blocked: needs a signal");
        assertFalse(waiter.isDone());
        strategy.signalAllWhenBlocking();
        assertEquals(1, waiter.get(5, TimeUnit.SECONDS), "woken by the signal");
    }

    @Test
    void shouldReturnAtOnceWhatIsAlreadyThere() throws Exception
    {
        final LoadAwareWaitStrategy strategy = new LoadAwareWaitStrategy(SPIN, 0, 1);
        cursor.set(9);
        assertEquals(9, strategy.waitFor(5, cursor, cursor, barrier));
        assertThrows(IllegalArgumentException.class, () -> new LoadAwareWaitStrategy(SPIN, 0, 0));
    }

    private long waitFor(final LoadAwareWaitStrategy strategy, final long sequence)
    {
        try
        {
            return strategy.waitFor(sequence, cursor, cursor, barrier);
        }
        catch (final AlertException | InterruptedException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static final class NoAlerts implements SequenceBarrier
    {
        @Override
        public long waitFor(final long sequence)
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public long getCursor()
        {
            return -1;
        }

        @Override
        public boolean isAlerted()
        {
            return false;
        }

        @Override
        public void alert()
        {
        }

        @Override
        public void clearAlert()
        {
        }

        @Override
        public void checkAlert()
        {
        }
    }
}
