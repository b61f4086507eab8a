package io.flashsale.process;

import java.io.IOException;
import java.nio.file.Path;

import com.sun.jna.Function;
import com.sun.jna.LastErrorException;
import com.sun.jna.Platform;
import com.sun.jna.Structure;

/**
 * Linux real-time scheduling ({@code SCHED_FIFO}) for the few threads a buy waits on: the engine's business thread
 * and the gateway's event loops. Under the default scheduler a runnable thread on a busy 2-core box waits for a
 * time slice of whatever else runs (a load generator, GC and JIT threads, a build): milliseconds. A {@code SCHED_FIFO}
 * thread runs as soon as it is woken. Every thread given this priority must block when it has nothing to do (the
 * event loop in epoll, the engine in a blocking or short-spinning wait), or it would keep a core from every ordinary
 * thread; the kernel's real-time throttling ({@code sched_rt_runtime_us}, 95 % by default) is the last guard.
 * <p>
 * Needs root or {@code CAP_SYS_NICE} (or an {@code RLIMIT_RTPRIO} at least the priority). Calls libc through JNA.
 */
public final class RealtimePriority
{
    /** Highest {@code SCHED_FIFO} priority. */
    public static final int MAX = 99;
    private static final int SCHED_FIFO = 1;
    private static final int EPERM = 1;

    private RealtimePriority()
    {
    }

    /**
     * {@code struct sched_param}.
     */
    @Structure.FieldOrder("sched_priority")
    public static final class SchedParam extends Structure
    {
        /** The real-time priority. */
        public int sched_priority;
    }

    private static final class Holder
    {
        static final Function SCHED_SETSCHEDULER =
            Function.getFunction("c", "sched_setscheduler", Function.THROW_LAST_ERROR);
    }

    /**
     * Make the calling thread {@code SCHED_FIFO} at a priority.
     *
     * @param priority 1..{@value #MAX}.
     * @return null if done, else why not (one line, for the operator).
     */
    public static String applyToCurrentThread(final int priority)
    {
        if (priority < 1 || priority > MAX)
        {
            return "real-time priority must be in 1.." + MAX + ": " + priority;
        }
        if (!Platform.isLinux())
        {
            return "real-time priority is supported on Linux only";
        }
        try
        {
            setScheduler(0, SCHED_FIFO, priority);
            return null;
        }
        catch (final LastErrorException ex)
        {
            return ex.getErrorCode() == EPERM ?
                "real-time priority " + priority + " is not permitted: run as root, or grant CAP_SYS_NICE " +
                "(setcap cap_sys_nice+ep on the java binary) or an RLIMIT_RTPRIO of at least " + priority :
                "real-time priority " + priority + " failed: errno " + ex.getErrorCode();
        }
        catch (final UnsatisfiedLinkError | NoClassDefFoundError ex)
        {
            return "real-time priority needs libc through JNA: " + ex.getMessage();
        }
    }

    /**
     * The scheduling policy and real-time priority of a thread of this process, from {@code /proc}.
     *
     * @param threadName the thread's name as the kernel holds it (its first 15 characters).
     * @return "policy priority" ({@code 1 50} for SCHED_FIFO at 50, {@code 0 0} for the default policy) of the first
     *         thread of that name, or null if none.
     * @throws IOException if {@code /proc} cannot be read.
     */
    public static String policyOf(final String threadName) throws IOException
    {
        final Path task = ProcTasks.find(threadName);
        if (task == null)
        {
            return null;
        }
        return ProcTasks.statField(task, ProcTasks.POLICY) + " " + ProcTasks.statField(task, ProcTasks.RT_PRIORITY);
    }

    /**
     * {@code sched_setscheduler(2)} for a thread of this process.
     *
     * @param tid      the thread's id, 0 for the calling thread.
     * @param policy   the policy.
     * @param priority its static priority (0 for the non-real-time policies).
     * @throws LastErrorException with the errno if the kernel refused.
     */
    static void setScheduler(final int tid, final int policy, final int priority)
    {
        final SchedParam param = new SchedParam();
        param.sched_priority = priority;
        Holder.SCHED_SETSCHEDULER.invokeInt(new Object[] {tid, policy, param});
    }
}
