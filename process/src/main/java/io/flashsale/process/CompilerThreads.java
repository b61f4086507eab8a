package io.flashsale.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.LastErrorException;
import com.sun.jna.Platform;

/**
 * The JVM's JIT compiler threads of this process ({@code C1 CompilerThread*}, {@code C2 CompilerThread*}) moved to
 * Linux's {@code SCHED_IDLE} policy: they then run only on CPU time no ordinary thread wants, and a woken engine
 * thread or event loop takes the CPU from them at once. On a 2-core box a compilation of a millisecond or more
 * otherwise holds one of the two cores while the threads a buy waits on queue behind it (seen with {@code perf sched
 * timehist}: the engine and the load generator's event loop each waited 1.6 ms while a C1 compiler thread ran).
 * Compilation still goes on: a node at sale-day load leaves most of a core idle. Meant for a warm process (after the
 * node's JIT warm-up, after the load generator's warm-up): a cold one at full load would stay interpreted longer.
 * <p>
 * No privilege is needed to lower a thread's policy. Compiler threads the JVM adds later are started by a compiler
 * thread and inherit its policy. Calls libc's {@code sched_setscheduler} through JNA, as {@link RealtimePriority}
 * does.
 */
public final class CompilerThreads
{
    /** {@code SCHED_IDLE}, as {@code /proc/<tid>/stat} reports it. */
    public static final int SCHED_IDLE = 5;
    private static final int ESRCH = 3; // the thread ended meanwhile
    private static final String[] NAMES = {"C1 CompilerThre", "C2 CompilerThre"};

    private CompilerThreads()
    {
    }

    /**
     * Move every JIT compiler thread of this process to {@code SCHED_IDLE}.
     *
     * @return null if done (at least one thread moved), else why not (one line, for the operator).
     */
    public static String idle()
    {
        if (!Platform.isLinux())
        {
            return "idle compiler threads are supported on Linux only";
        }
        try
        {
            final List<Path> tasks = tasks();
            if (tasks.isEmpty())
            {
                return "this JVM has no JIT compiler threads (interpreter only?)";
            }
            for (final Path task : tasks)
            {
                final int tid = Integer.parseInt(task.getFileName().toString());
                try
                {
                    RealtimePriority.setScheduler(tid, SCHED_IDLE, 0);
                }
                catch (final LastErrorException ex)
                {
                    if (ex.getErrorCode() != ESRCH)
                    {
                        return "SCHED_IDLE for compiler thread " + tid + " failed: errno " + ex.getErrorCode();
                    }
                }
            }
            return null;
        }
        catch (final IOException ex)
        {
            return "cannot list this process's threads: " + ex.getMessage();
        }
        catch (final UnsatisfiedLinkError | NoClassDefFoundError ex)
        {
            return "idle compiler threads need libc through JNA: " + ex.getMessage();
        }
    }

    /**
     * The scheduling policy of every JIT compiler thread of a process, from {@code /proc}.
     *
     * @param pid a process id, or "self".
     * @return "name policy" per compiler thread ({@code "C2 CompilerThre 5"} for {@code SCHED_IDLE}).
     * @throws IOException if {@code /proc} cannot be read.
     */
    public static List<String> policies(final String pid) throws IOException
    {
        final List<String> policies = new ArrayList<>();
        for (final Path task : tasks(Path.of("/proc", pid, "task")))
        {
            try
            {
                policies.add(Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip() + " " +
                    ProcTasks.statField(task, ProcTasks.POLICY));
            }
            catch (final NoSuchFileException ex)
            {
                continue; // the thread ended meanwhile
            }
        }
        return policies;
    }

    private static List<Path> tasks() throws IOException
    {
        return tasks(Path.of("/proc/self/task"));
    }

    private static List<Path> tasks(final Path directory) throws IOException
    {
        final List<Path> found = new ArrayList<>();
        try (var tasks = Files.list(directory))
        {
            for (final Path task : (Iterable<Path>)tasks::iterator)
            {
                try
                {
                    final String comm = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8);
                    for (final String name : NAMES)
                    {
                        if (comm.startsWith(name))
                        {
                            found.add(task);
                        }
                    }
                }
                catch (final NoSuchFileException ex)
                {
                    continue; // the thread ended meanwhile
                }
            }
        }
        return found;
    }
}
