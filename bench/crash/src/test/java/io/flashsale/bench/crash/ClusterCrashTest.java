package io.flashsale.bench.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode's failover, quick mode for CI: three real member processes (two shards), a gateway in this JVM, one
 * SIGKILL of the process leading a shard under pipelined buys, pays and cancels, its restart and catch-up, and the
 * harness's checks on every member's journal. {@code flashsale crash --cluster --kills 20} is the full run.
 */
class ClusterCrashTest
{
    @TempDir
    Path workDir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldLoseNoAcknowledgedOrderWhenTheLeaderIsKilledUnderLoad() throws Exception
    {
        final int portBase = 26_000 + (int)(ProcessHandle.current().pid() % 20) * 150;
        final ClusterCrashHarness.Settings settings = new ClusterCrashHarness.Settings(1, 20261111L, 2, 1_000, 1_500,
            List.of("-cp", System.getProperty("java.class.path"), CrashCommand.MEMBER_MAIN), "384m", workDir, 2,
            portBase, 0.0, 500);
        final StringWriter text = new StringWriter();
        final PrintWriter out = new PrintWriter(text);
        final ClusterCrashHarness.Report report = new ClusterCrashHarness(settings).run(out);
        out.flush();
        assertEquals(1, report.kills().size(), text.toString());
        final ClusterCrashHarness.Kill kill = report.kills().get(0);
        assertTrue(kill.wasLeader(), text.toString());
        assertTrue(kill.failoverMs() > 0, "the shard answered again after the kill: " + text);
        assertTrue(report.acknowledged() > 0, text.toString());
        assertTrue(report.passed(), text.toString() + report.finalFailures());
        System.out.println(text);
    }
}
