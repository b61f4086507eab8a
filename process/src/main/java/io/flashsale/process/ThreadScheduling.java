package io.flashsale.process;

import java.util.concurrent.atomic.AtomicReference;

/**
 * How the few threads a buy waits on are scheduled (the engine's business thread and the event loops, in the node
 * and in the load generator): the kernel's defaults, a short {@link TimeSlice time slice} under the fair scheduler
 * (the default where the kernel has it; no privilege needed), or {@link RealtimePriority SCHED_FIFO} (needs root or
 * {@code CAP_SYS_NICE}). Immutable.
 */
public final class ThreadScheduling
{
    /** The slice the node and the load generator ask for unless told otherwise: the shortest the kernel takes. */
    public static final long DEFAULT_SLICE_NANOS = TimeSlice.MIN_NANOS;
    private static final ThreadScheduling KERNEL_DEFAULT = new ThreadScheduling(0, 0);

    private final int realtimePriority;
    private final long sliceNanos;

    private ThreadScheduling(final int realtimePriority, final long sliceNanos)
    {
        this.realtimePriority = realtimePriority;
        this.sliceNanos = sliceNanos;
    }

    /**
     * @return the kernel's defaults: nothing is changed.
     */
    public static ThreadScheduling kernelDefault()
    {
        return KERNEL_DEFAULT;
    }

    /**
     * @param nanos {@link TimeSlice#MIN_NANOS}..{@link TimeSlice#MAX_NANOS}, or 0 for the kernel's default slice.
     * @return the fair scheduler with this slice.
     * @throws IllegalArgumentException if out of range.
     */
    public static ThreadScheduling slice(final long nanos)
    {
        if (nanos == 0)
        {
            return KERNEL_DEFAULT;
        }
        if (nanos < TimeSlice.MIN_NANOS || nanos > TimeSlice.MAX_NANOS)
        {
            throw new IllegalArgumentException("time slice must be 0 (the kernel's) or 100us..100ms: " + nanos + " ns");
        }
        return new ThreadScheduling(0, nanos);
    }

    /**
     * @param priority 1..{@link RealtimePriority#MAX}.
     * @return {@code SCHED_FIFO} at this priority.
     * @throws IllegalArgumentException if out of range.
     */
    public static ThreadScheduling realtime(final int priority)
    {
        if (priority < 1 || priority > RealtimePriority.MAX)
        {
            throw new IllegalArgumentException("real-time priority must be in 1.." + RealtimePriority.MAX + ": " +
                priority);
        }
        return new ThreadScheduling(priority, 0);
    }

    /**
     * @return true for {@code SCHED_FIFO} (such a thread must block when idle).
     */
    public boolean isRealtime()
    {
        return realtimePriority > 0;
    }

    /**
     * @return true if nothing is changed.
     */
    public boolean isKernelDefault()
    {
        return realtimePriority == 0 && sliceNanos == 0;
    }

    /**
     * @return the {@code SCHED_FIFO} priority, 0 if not real-time.
     */
    public int realtimePriority()
    {
        return realtimePriority;
    }

    /**
     * @return the requested slice in nanoseconds, 0 if none.
     */
    public long sliceNanos()
    {
        return sliceNanos;
    }

    /**
     * Apply to the calling thread.
     *
     * @return null if done (or nothing to do), else why not (one line, for the operator).
     */
    public String applyToCurrentThread()
    {
        if (isRealtime())
        {
            return RealtimePriority.applyToCurrentThread(realtimePriority);
        }
        return sliceNanos == 0 ? null : TimeSlice.applyToCurrentThread(sliceNanos);
    }

    /**
     * Check, before anything starts, that threads of this process can be scheduled this way: a scratch thread tries
     * and ends.
     *
     * @return null if they can, else why not.
     */
    public String check()
    {
        if (isKernelDefault())
        {
            return null;
        }
        final AtomicReference<String> outcome = new AtomicReference<>();
        final Thread probe = new Thread(() -> outcome.set(applyToCurrentThread()), "flashsale-sched-check");
        probe.start();
        try
        {
            probe.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return "interrupted while checking the thread scheduling";
        }
        return outcome.get();
    }

    @Override
    public String toString()
    {
        if (isRealtime())
        {
            return "SCHED_FIFO at priority " + realtimePriority;
        }
        return sliceNanos == 0 ? "the kernel's default scheduling" : "a " + sliceNanos / 1000 + " us time slice";
    }
}
