package io.flashsale.gateway.support;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.Predicate;

/**
 * Bytes allocated by chosen threads while some work runs (HotSpot's per-thread allocation counter): a behaviour
 * check that a hot path creates no objects per request, independent of timing.
 */
public final class ThreadAllocation
{
    /**
     * Work that may throw.
     */
    @FunctionalInterface
    public interface Work
    {
        /**
         * @throws Exception on failure.
         */
        void run() throws Exception;
    }

    private ThreadAllocation()
    {
    }

    /**
     * @param name which thread names to take.
     * @return the live threads whose names match.
     */
    public static List<Thread> named(final Predicate<String> name)
    {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> name.test(t.getName())).toList();
    }

    /**
     * @param threads the threads to watch.
     * @param work    what runs meanwhile.
     * @return bytes each thread allocated during the work, in the order given.
     * @throws Exception if the work fails.
     */
    public static long[] during(final List<Thread> threads, final Work work) throws Exception
    {
        final com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long[] before = threads.stream().mapToLong(t -> mx.getThreadAllocatedBytes(t.getId())).toArray();
        work.run();
        final long[] allocated = new long[threads.size()];
        for (int i = 0; i < allocated.length; i++)
        {
            allocated[i] = mx.getThreadAllocatedBytes(threads.get(i).getId()) - before[i];
        }
        return allocated;
    }
}
