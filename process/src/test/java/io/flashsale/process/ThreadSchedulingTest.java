package io.flashsale.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * A time slice for one thread, read back from the scheduler's own {@code /proc} report: taken on a kernel with
 * per-thread slices (Linux 6.12+), refused with a reason on an older one, and only for the thread that asked. The
 * command-line options: the default slice, the kernel's, an explicit one, and what they refuse.
 */
class ThreadSchedulingTest
{
    private static final long SLICE = 250_000;

    @Test
    void shouldGiveTheCallingThreadAShortSliceAndOnlyIt() throws Exception
    {
        final long kernelDefault = TimeSlice.ofCurrentThread();
        final AtomicReference<String> refused = new AtomicReference<>();
        final AtomicLong seen = new AtomicLong();
        final Thread thread = new Thread(() ->
        {
            refused.set(ThreadScheduling.slice(SLICE).applyToCurrentThread());
            try
            {
                seen.set(TimeSlice.sliceOf("flashsale-ts-test"));
            }
            catch (final Exception ex)
            {
                seen.set(-2);
            }
        }, "flashsale-ts-test");
        thread.start();
        thread.join();
        if (kernelHasSlices())
        {
            assertNull(refused.get());
            assertEquals(SLICE, seen.get(), "se.slice in /proc");
        }
        else
        {
            assertTrue(refused.get().contains("no per-thread time slices"), refused.get());
        }
        final AtomicLong other = new AtomicLong();
        final Thread plain = new Thread(() ->
        {
            try
            {
                other.set(TimeSlice.sliceOf("flashsale-ts-plain"));
            }
            catch (final Exception ex)
            {
                other.set(-2);
            }
        }, "flashsale-ts-plain");
        plain.start();
        plain.join();
        assertEquals(kernelDefault, other.get(), "only that thread");
        assertEquals(kernelDefault, TimeSlice.ofCurrentThread(), "nor the thread that started it");
    }

    @Test
    void shouldRefuseValuesOutOfRange()
    {
        assertThrows(IllegalArgumentException.class, () -> ThreadScheduling.slice(99_999));
        assertThrows(IllegalArgumentException.class, () -> ThreadScheduling.slice(100_000_001));
        assertThrows(IllegalArgumentException.class, () -> ThreadScheduling.realtime(0));
        assertThrows(IllegalArgumentException.class, () -> ThreadScheduling.realtime(100));
        assertSame(ThreadScheduling.kernelDefault(), ThreadScheduling.slice(0));
        assertNull(ThreadScheduling.kernelDefault().check(), "nothing to check");
        assertEquals("a time slice must be 100us..100ms: 50000 ns", TimeSlice.applyToCurrentThread(50_000));
    }

    @Test
    void shouldChooseTheSchedulingFromTheOptions()
    {
        final List<String> warnings = new ArrayList<>();
        final ThreadScheduling byDefault = resolve(warnings);
        if (kernelHasSlices())
        {
            assertEquals(ThreadScheduling.DEFAULT_SLICE_NANOS, byDefault.sliceNanos());
            assertEquals(List.of(), warnings);
        }
        else
        {
            assertTrue(byDefault.isKernelDefault(), "the default is dropped where the kernel cannot take it");
            assertEquals(1, warnings.size(), warnings.toString());
        }
        assertTrue(resolve(warnings, "--time-slice", "0").isKernelDefault());
        if (kernelHasSlices())
        {
            assertEquals(2_000_000, resolve(warnings, "--time-slice", "2ms").sliceNanos());
        }
        final CommandLine.ParameterException range =
            assertThrows(CommandLine.ParameterException.class, () -> resolve(warnings, "--time-slice", "10us"));
        assertEquals("--time-slice: time slice must be 0 (the kernel's) or 100us..100ms: 10000 ns", range.getMessage());
        final CommandLine.ParameterException both = assertThrows(CommandLine.ParameterException.class,
            () -> resolve(warnings, "--time-slice", "1ms", "--realtime-priority", "3"));
        assertTrue(both.getMessage().contains("exclude each other"), both.getMessage());
        assertThrows(CommandLine.ParameterException.class, () -> resolve(warnings, "--realtime-priority", "-1"));
        final ThreadScheduling realtime = ThreadScheduling.realtime(3);
        if (realtime.check() == null)
        {
            final ThreadScheduling chosen = resolve(warnings, "--realtime-priority", "3");
            assertTrue(chosen.isRealtime());
            assertEquals(3, chosen.realtimePriority());
        }
    }

    private static ThreadScheduling resolve(final List<String> warnings, final String... args)
    {
        final Scheduled command = new Scheduled();
        final CommandLine line = new CommandLine(command);
        line.parseArgs(args);
        return command.options.resolve(line, warnings::add);
    }

    private static boolean kernelHasSlices()
    {
        final String[] version = System.getProperty("os.version").split("[.-]");
        final int major = Integer.parseInt(version[0]);
        final int minor = Integer.parseInt(version[1]);
        return major > 6 || major == 6 && minor >= 12;
    }

    @Command(name = "scheduled")
    static final class Scheduled
    {
        @Mixin
        SchedulingOptions options;
    }
}
