package io.flashsale.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.process.ExitCodes;
import picocli.CommandLine;

class DemoCommandTest
{
    @Test
    void shouldRunTheDemoEndToEndAndWriteItsReports(@TempDir final Path dir)
    {
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final PrintStream original = System.out;
        final int exit;
        try
        {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new DemoCommand()).execute("--duration", "3s", "--warmup", "1s", "--peak", "400",
                "--connections", "4", "--drain", "3s", "--progress", "line", "--report-dir", dir.toString(), "--name",
                "demo-test");
        }
        finally
        {
            System.setOut(original);
        }
        final String out = captured.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCodes.OK, exit, out);
        assertTrue(out.contains("audit: PASSED"), out);
        assertTrue(out.contains("peak 400 arrivals/s in the busiest second"), out);
        assertTrue(out.contains("400/s in the busiest second"), "the stated peak is what was offered: " + out);
        assertTrue(out.contains("stopping the node"), out);
        assertTrue(Files.exists(dir.resolve("demo-test.html")));
        assertTrue(Files.exists(dir.resolve("demo-test.hlog")));
    }
}
