package io.flashsale.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;

/**
 * The PHASED wait yields only after busy batches: after a batch of four commands a waiter still sees a command
 * published (without a signal) within its yield window; after a single command it blocks at once and needs the
 * producer's signal. The yield window is a generous second here, so the waiter is still yielding when the test
 * publishes.
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
        final Waiter waiter = new Waiter(strategy, 4);
        final long entered = waiter.awaitEntered();
        while (System.nanoTime() - entered < SPIN * 100)
        {
            Thread.onSpinWait(); // well past the spin: into the yield window
        }
        assertEquals(Thread.State.RUNNABLE, waiter.thread.getState(), "yielding, not blocked");
        cursor.set(4); // published, but the producer never signals
        assertEquals(4, waiter.result.get(5, TimeUnit.SECONDS), "seen while yielding");
    }

    @Test
    void shouldBlockRightAfterTheSpinWhenCommandsComeOneAtATime() throws Exception
    {
        final LoadAwareWaitStrategy strategy = new LoadAwareWaitStrategy(SPIN, YIELD, 4);
        cursor.set(0);
        assertEquals(0, strategy.waitFor(0, cursor, cursor, barrier), "a batch of one");
        final Waiter waiter = new Waiter(strategy, 1);
        final long entered = waiter.awaitEntered();
        while (waiter.thread.getState() != Thread.State.WAITING)
        {
            Thread.onSpinWait(); // blocks after its 10 µs spin
        }
        assertTrue(System.nanoTime() - entered < YIELD, "blocked without yielding for the busy window (1 s)");
        cursor.set(1); // published, not signalled: a blocked waiter stays blocked
        assertEquals(Thread.State.WAITING, waiter.thread.getState());
        assertFalse(waiter.result.isDone());
        strategy.signalAllWhenBlocking();
        assertEquals(1, waiter.result.get(5, TimeUnit.SECONDS), "woken by the signal");
    }

    @Test
    void shouldReturnAtOnceWhatIsAlreadyThere() throws Exception
    {
        final LoadAwareWaitStrategy strategy = new LoadAwareWaitStrategy(SPIN, 0, 1);
        cursor.set(9);
        assertEquals(9, strategy.waitFor(5, cursor, cursor, barrier));
        assertThrows(IllegalArgumentException.class, () -> new LoadAwareWaitStrategy(SPIN, 0, 0));
    }

    private final class Waiter
    {
        final CompletableFuture<Long> result = new CompletableFuture<>();
        final CountDownLatch started = new CountDownLatch(1);
        final Thread thread;
        volatile long entered;

        Waiter(final LoadAwareWaitStrategy strategy, final long sequence)
        {
            thread = new Thread(() ->
            {
                entered = System.nanoTime();
                started.countDown();
                try
                {
                    result.complete(strategy.waitFor(sequence, cursor, cursor, barrier));
                }
                catch (final AlertException | InterruptedException ex)
                {
                    result.completeExceptionally(ex);
                }
            }, "load-aware-waiter");
            thread.setDaemon(true);
            thread.start();
        }

        long awaitEntered() throws InterruptedException
        {
            started.await();
            return entered;
        }
    }

    private static final class NoAlerts implements SequenceBarrier
    {
        @Override
        public long waitFor(final long sequence)
        {
            return sequence; // the strategy under test never calls its barrier's waitFor
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
