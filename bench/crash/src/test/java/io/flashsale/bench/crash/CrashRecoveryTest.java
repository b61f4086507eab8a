package io.flashsale.bench.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Five SIGKILLs of a node running in its own JVM under pipelined buys, pays and cancels, each followed by a restart on
 * the same data directory and the harness's checks; then the journal and audit checks after a clean stop.
 */
class CrashRecoveryTest
{
    @TempDir
    Path workDir;

    @Test
    void shouldLoseNoAcknowledgedOrderAcrossFiveKillsUnderLoad() throws Exception
    {
        final CrashHarness.Settings settings = new CrashHarness.Settings(5, 20261111L, 2, 300, 1500,
            System.getProperty("java.class.path"), "384m", workDir, 20_000, 500);
        final StringWriter text = new StringWriter();
        final PrintWriter out = new PrintWriter(text);
        final CrashReport report = new CrashHarness(settings).run(out);
        report.print(out);
        assertEquals(5, report.killPoints().size(), text.toString());
        assertTrue(report.acknowledged() > 0, text.toString());
        assertTrue(report.journalOrders() >= report.acknowledged(), text.toString());
        assertTrue(report.passed(), text.toString());
        System.out.println(text);
    }
}
