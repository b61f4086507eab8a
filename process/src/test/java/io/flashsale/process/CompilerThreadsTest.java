package io.flashsale.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.sun.jna.Platform;

/**
 * The JIT compiler threads of this JVM moved to {@code SCHED_IDLE}, as {@code /proc} reports them; the thread that
 * asked keeps its policy, and the JIT still compiles new code afterwards.
 */
class CompilerThreadsTest
{
    @Test
    void shouldMoveEveryCompilerThreadToSchedIdleAndKeepCompiling()
        throws Exception
    {
        assumeTrue(Platform.isLinux(), "Linux only");
        final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        assumeTrue(jit != null && jit.isCompilationTimeMonitoringSupported(), "a JIT with compilation time");
        assertFalse(CompilerThreads.policies("self").isEmpty(), "this JVM has compiler threads");

        assertNull(CompilerThreads.idle());

        final List<String> policies = CompilerThreads.policies("self");
        assertFalse(policies.isEmpty());
        for (final String policy : policies)
        {
            assertTrue(policy.endsWith(" " + CompilerThreads.SCHED_IDLE), policies.toString());
        }
        assertEquals("0", policyOfThisThread(), "the calling thread keeps the default policy");

        final long compiledBefore = jit.getTotalCompilationTime();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long sink = 0;
        while (jit.getTotalCompilationTime() == compiledBefore)
        {
            assertTrue(System.nanoTime() < deadline, "the JIT compiled nothing in 60 s after going idle");
            for (int i = 0; i < 100_000; i++)
            {
                sink += mix(i, sink);
            }
        }
        for (final String policy : CompilerThreads.policies("self"))
        {
            assertTrue(policy.endsWith(" " + CompilerThreads.SCHED_IDLE), "a compiler thread added later: " + policy);
        }
        assertTrue(sink != 1, "keeps the loop");
    }

    private static long mix(final int i, final long seed)
    {
        final long x = (seed ^ i) * 0x9E3779B97F4A7C15L;
        return x ^ (x >>> 31);
    }

    private static String policyOfThisThread() throws Exception
    {
        final String stat = Files.readString(Path.of("/proc/thread-self/stat"), StandardCharsets.UTF_8);
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[41 - 3];
    }
}
