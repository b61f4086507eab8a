package io.flashsale.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * SCHED_FIFO for a thread: taken where the process may take it (root here, then checked in {@code /proc}), refused
 * with a reason where it may not, and only for the thread that asked.
 */
class RealtimePriorityTest
{
    @Test
    void shouldGiveTheCallingThreadThePriorityOrSayWhyNot() throws Exception
    {
        final AtomicReference<String> refused = new AtomicReference<>();
        final AtomicReference<String> policy = new AtomicReference<>();
        final Thread thread = new Thread(() ->
        {
            refused.set(RealtimePriority.applyToCurrentThread(7));
            try
            {
                policy.set(RealtimePriority.policyOf("flashsale-rt-test"));
            }
            catch (final Exception ex)
            {
                policy.set(ex.toString());
            }
        }, "flashsale-rt-test");
        thread.start();
        thread.join();
        if (refused.get() == null)
        {
            assertEquals("1 7", policy.get(), "SCHED_FIFO (1) at priority 7");
        }
        else
        {
            assertTrue(refused.get().contains("not permitted"), refused.get());
            assertEquals("0 0", policy.get(), "still the default scheduler");
        }
        final AtomicReference<String> other = new AtomicReference<>();
        final Thread plain = new Thread(() ->
        {
            try
            {
                other.set(RealtimePriority.policyOf("flashsale-rt-plain"));
            }
            catch (final Exception ex)
            {
                other.set(ex.toString());
            }
        }, "flashsale-rt-plain");
        plain.start();
        plain.join();
        assertEquals("0 0", other.get(), "only that thread");
    }

    @Test
    void shouldRefuseAPriorityOutOfRange()
    {
        assertEquals("real-time priority must be in 1..99: 100", RealtimePriority.applyToCurrentThread(100));
        assertEquals("real-time priority must be in 1..99: 0", RealtimePriority.applyToCurrentThread(0));
    }
}
