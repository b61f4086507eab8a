package io.flashsale.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.jna.Function;
import com.sun.jna.LastErrorException;
import com.sun.jna.Platform;
import com.sun.jna.Structure;

/**
 * A short time slice for a thread under Linux's fair scheduler (EEVDF, Linux 6.12 and later; no privilege needed).
 * A woken thread with a shorter slice than the running one gets an earlier virtual deadline and takes the CPU
 * at once instead of waiting for the running thread's slice (about 1.4 ms on a 2-core box) to end. That wait is what
 * a buy paid, at the 99th percentile, each time the engine's business thread or an event loop was woken on a busy
 * core. The thread still gets only its fair share of the CPU: a short slice changes when it runs, not how much.
 * <p>
 * Calls {@code sched_setattr(2)} through JNA's {@code syscall}; the slice is {@code sched_attr.sched_runtime} with
 * the {@code SCHED_OTHER} policy. Older kernels accept the call and ignore the slice, so it is read back.
 */
public final class TimeSlice
{
    /** The shortest slice the kernel takes (shorter ones are raised to it). */
    public static final long MIN_NANOS = 100_000;
    /** The longest slice the kernel takes. */
    public static final long MAX_NANOS = 100_000_000;
    private static final int SCHED_OTHER = 0;

    private TimeSlice()
    {
    }

    /**
     * {@code struct sched_attr} (its first version, 56 bytes).
     */
    @Structure.FieldOrder({"size", "sched_policy", "sched_flags", "sched_nice", "sched_priority", "sched_runtime",
        "sched_deadline", "sched_period", "sched_util_min", "sched_util_max"})
    public static final class SchedAttr extends Structure
    {
        /** Size of this structure. */
        public int size;
        /** Scheduling policy. */
        public int sched_policy;
        /** Flags. */
        public long sched_flags;
        /** Nice value. */
        public int sched_nice;
        /** Real-time priority. */
        public int sched_priority;
        /** For the fair policies: the requested slice, in nanoseconds. */
        public long sched_runtime;
        /** Deadline policy only. */
        public long sched_deadline;
        /** Deadline policy only. */
        public long sched_period;
        /** Utilisation clamp. */
        public int sched_util_min;
        /** Utilisation clamp. */
        public int sched_util_max;
    }

    private static final class Holder
    {
        static final Function SYSCALL = Function.getFunction("c", "syscall", Function.THROW_LAST_ERROR);
        static final long SET_ATTR = Platform.isIntel() && Platform.is64Bit() ? 314 :
            Platform.isARM() && Platform.is64Bit() ? 274 : -1;
        static final long GET_ATTR = SET_ATTR < 0 ? -1 : SET_ATTR + 1;
    }

    /**
     * Give the calling thread a time slice, keeping its nice value.
     *
     * @param nanos {@value #MIN_NANOS}..{@value #MAX_NANOS}.
     * @return null if the kernel took the slice, else why not (one line, for the operator).
     */
    public static String applyToCurrentThread(final long nanos)
    {
        if (nanos < MIN_NANOS || nanos > MAX_NANOS)
        {
            return "a time slice must be 100us..100ms: " + nanos + " ns";
        }
        if (!Platform.isLinux())
        {
            return "time slices are supported on Linux only";
        }
        try
        {
            if (Holder.SET_ATTR < 0)
            {
                return "time slices are not supported on this CPU architecture";
            }
            final SchedAttr attr = current();
            attr.sched_policy = SCHED_OTHER;
            attr.sched_priority = 0;
            attr.sched_flags = 0;
            attr.sched_runtime = nanos;
            attr.size = attr.size();
            attr.write();
            Holder.SYSCALL.invokeLong(new Object[] {Holder.SET_ATTR, 0, attr, 0});
            final long taken = current().sched_runtime;
            return taken == nanos ? null :
                "this kernel has no per-thread time slices (Linux 6.12 or later with the EEVDF scheduler): it " +
                "kept " + taken + " ns";
        }
        catch (final LastErrorException ex)
        {
            return "time slice " + nanos + " ns failed: errno " + ex.getErrorCode();
        }
        catch (final UnsatisfiedLinkError | NoClassDefFoundError ex)
        {
            return "time slices need libc through JNA: " + ex.getMessage();
        }
    }

    private static SchedAttr current()
    {
        final SchedAttr attr = new SchedAttr();
        Holder.SYSCALL.invokeLong(new Object[] {Holder.GET_ATTR, 0, attr, attr.size(), 0});
        attr.read();
        return attr;
    }

    /**
     * The slice of a thread of this process as the scheduler reports it in {@code /proc} (independent of the call
     * that set it).
     *
     * @param threadName the thread's name as the kernel holds it (its first 15 characters).
     * @return the slice in nanoseconds of the first thread of that name, -1 if none or if the kernel does not
     *         report slices.
     * @throws IOException if {@code /proc} cannot be read.
     */
    public static long sliceOf(final String threadName) throws IOException
    {
        final Path task = ProcTasks.find(threadName);
        return task == null ? -1 : reported(task);
    }

    /**
     * The calling thread's slice as the scheduler reports it in {@code /proc}.
     *
     * @return the slice in nanoseconds, -1 if the kernel does not report slices.
     * @throws IOException if {@code /proc} cannot be read.
     */
    public static long ofCurrentThread() throws IOException
    {
        return reported(Path.of("/proc/thread-self"));
    }

    private static long reported(final Path task) throws IOException
    {
        for (final String line : Files.readAllLines(task.resolve("sched"), StandardCharsets.UTF_8))
        {
            if (line.startsWith("se.slice"))
            {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return -1;
    }
}
