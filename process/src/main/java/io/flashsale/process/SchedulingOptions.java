package io.flashsale.process;

import java.util.function.Consumer;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The command-line options that choose how a command's latency-critical threads are scheduled ({@code run}: the
 * engine thread and the event loops; {@code loadgen}: its event loops), one definition for every command.
 */
public final class SchedulingOptions
{
    private static final String DEFAULT_SLICE = "100us";

    @Option(names = "--time-slice", defaultValue = DEFAULT_SLICE, converter = DurationConverter.class,
        paramLabel = "TIME", description = "Time slice asked of the kernel for the latency-critical threads, 100us " +
        "to 100ms, or 0 for the kernel's own (about 1.4 ms on 2 cores). A woken thread with a shorter slice runs at " +
        "once instead of waiting for the running thread's slice to end; it still gets only its fair share of the " +
        "CPU. Linux 6.12+ (EEVDF), no privilege needed; where the kernel has no per-thread slices the default is " +
        "dropped with a warning (default: ${DEFAULT-VALUE}).")
    private long sliceNanos;

    @Option(names = "--realtime-priority", defaultValue = "0", paramLabel = "1..99", description = "Run the " +
        "latency-critical threads SCHED_FIFO at this priority instead (Linux; root or CAP_SYS_NICE), so they never " +
        "wait for a time slice of another process; 0 = not real-time (default: ${DEFAULT-VALUE}).")
    private int realtimePriority;

    @Option(names = "--jit-threads", defaultValue = "idle", paramLabel = "idle|normal", description = "idle: once " +
        "warm, the JVM's JIT compiler threads run SCHED_IDLE, on CPU time no other thread wants, so a compilation " +
        "never holds a core the latency-critical threads are woken for (Linux, no privilege needed); normal: " +
        "leave them as they are (default: ${DEFAULT-VALUE}).")
    private String jitThreads;

    /**
     * @param command the command these options are part of (for its usage errors).
     * @return true if the JIT compiler threads are to run {@code SCHED_IDLE} once the command is warm (see
     *         {@link CompilerThreads}).
     * @throws CommandLine.ParameterException if {@code --jit-threads} is neither idle nor normal.
     */
    public boolean idleCompilerThreads(final CommandLine command)
    {
        switch (jitThreads)
        {
            case "idle":
                return true;
            case "normal":
                return false;
            default:
                throw usage(command, "--jit-threads must be idle or normal: " + jitThreads);
        }
    }

    /**
     * Check the options against this process before anything is created.
     *
     * @param command the command these options are part of (for its parse result and its usage errors).
     * @param warn    told why the default time slice was dropped, if it was.
     * @return the scheduling to apply.
     * @throws CommandLine.ParameterException if an option is out of range, or what was asked for explicitly is not
     *                                        permitted or not supported here.
     */
    public ThreadScheduling resolve(final CommandLine command, final Consumer<String> warn)
    {
        final CommandLine.ParseResult parsed = command.getParseResult();
        final boolean sliceGiven = parsed != null && parsed.hasMatchedOption("--time-slice");
        final ThreadScheduling scheduling;
        try
        {
            if (realtimePriority != 0)
            {
                if (sliceGiven)
                {
                    throw usage(command, "--realtime-priority and --time-slice exclude each other: a SCHED_FIFO " +
                        "thread has no time slice");
                }
                scheduling = ThreadScheduling.realtime(realtimePriority);
            }
            else
            {
                scheduling = ThreadScheduling.slice(sliceNanos);
            }
        }
        catch (final IllegalArgumentException ex)
        {
            final String option = realtimePriority != 0 ? "--realtime-priority: " : "--time-slice: ";
            throw usage(command, option + ex.getMessage());
        }
        final String refused = scheduling.check();
        if (refused == null)
        {
            return scheduling;
        }
        if (!scheduling.isRealtime() && !sliceGiven)
        {
            warn.accept("the latency-critical threads keep the kernel's time slice: " + refused);
            return ThreadScheduling.kernelDefault();
        }
        throw usage(command, (scheduling.isRealtime() ? "--realtime-priority: " : "--time-slice: ") + refused);
    }

    private static CommandLine.ParameterException usage(final CommandLine command, final String message)
    {
        return new CommandLine.ParameterException(command, message);
    }
}
