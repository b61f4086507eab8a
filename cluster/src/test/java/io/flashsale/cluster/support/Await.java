package io.flashsale.cluster.support;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits on conditions (never on time): the test's {@code @Timeout} is the hang guard.
 */
public final class Await
{
    private Await()
    {
    }

    /**
     * Wait until the condition holds, running the poller between checks.
     *
     * @param poller    work to do while waiting (e.g. poll a client's egress), may be a no-op.
     * @param condition what to wait for.
     */
    public static void until(final Runnable poller, final BooleanSupplier condition)
    {
        while (!condition.getAsBoolean())
        {
            poller.run();
            LockSupport.parkNanos(100_000);
            if (Thread.currentThread().isInterrupted())
            {
                throw new IllegalStateException("interrupted while waiting");
            }
        }
    }

    /**
     * Wait until the condition holds.
     *
     * @param condition what to wait for.
     */
    public static void until(final BooleanSupplier condition)
    {
        until(() ->
        {
        }, condition);
    }
}
