package io.flashsale.bench.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.process.ExitCodes;
import picocli.CommandLine;

class CommandLineTest
{
    private static final long SECOND = 1_000_000_000L;

    /** What one command line printed and returned. */
    private record Run(int exit, String out, String err)
    {
    }

    private static Run run(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        final PrintStream originalOut = System.out;
        final PrintStream originalErr = System.err;
        final int exit;
        try
        {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new LoadgenCommand()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);
        }
        finally
        {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new Run(exit, out + stdout.toString(StandardCharsets.UTF_8),
            err + stderr.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldDocumentEveryOptionHowLatencyIsMeasuredAndTheExitCodes()
    {
        final CommandLine cli = new CommandLine(new LoadgenCommand());
        final String help = cli.getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertTrue(help.contains("coordinated omission"), help);
        assertTrue(help.contains("intended send time"), help);
        assertTrue(help.contains("3 = a --threshold failed"), help);
        assertTrue(help.contains("merge"), help);
        for (final CommandLine c : List.of(cli, cli.getSubcommands().get("merge")))
        {
            for (final CommandLine.Model.OptionSpec option : c.getCommandSpec().options())
            {
                assertTrue(option.description().length > 0 && !option.description()[0].isBlank(),
                    "undocumented option " + option.longestName());
            }
        }
    }

    @Test
    void shouldRefuseBadOptionsWithOneClearLineExitTwoAndNothingCreated(@TempDir final Path dir)
    {
        final Path reports = dir.resolve("reports");
        final String[][] cases = {
            {"--rate", "-5"},
            {"--rate", "0"},
            {"--peak", "-1"},
            {"--duration", "0"},
            {"--profile", "/nonexistent.csv"},
            {"--transport", "carrier-pigeon"},
            {"--progress", "sideways"},
            {"--rate", "100", "--peak", "100"},
            {"--rate", "100", "--profile", "/etc/hostname"},
            {"--rate", "100", "--spike", "5"},
            {"--threshold", "buy:p99<<10ms"},
            {"--threshold", "lunch:p99<10ms"},
            {"--threshold", "errors<10ms"},
            {"--part", "4/3"},
            {"--part", "2/3"},
            {"--part", "two"},
            {"--start-at", "yesterday"},
            {"--start-at", "2020-01-01T00:00:00Z"},
            {"--pay-share", "0.9", "--cancel-share", "0.5"},
            {"--connections", "0"},
            {"--realtime-priority", "100"},
            {"--realtime-priority", "-1"},
        };
        final List<String> problems = new ArrayList<>();
        for (final String[] bad : cases)
        {
            final List<String> args = new ArrayList<>(List.of("--url", "http://127.0.0.1:1"));
            args.addAll(List.of(bad));
            args.addAll(List.of("--report-dir", reports.toString()));
            final Run r = run(args.toArray(String[]::new));
            final String first = r.err().lines().findFirst().orElse("");
            if (r.exit() != ExitCodes.USAGE || first.isBlank() || r.err().contains("\tat ") ||
                r.err().contains("Exception") || Files.exists(reports))
            {
                problems.add(String.join(" ", bad) + " -> exit " + r.exit() + ", stderr: " + r.err());
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        final Run transport = run("--transport", "carrier-pigeon");
        assertTrue(transport.err().contains("'carrier-pigeon' is not one of auto, epoll, nio"), transport.err());
        final Run rate = run("--rate", "-5");
        assertTrue(rate.err().contains("--rate must be a positive number"), rate.err());
        final Run url = run("--url", "localhost:8080", "--report-dir", reports.toString());
        assertEquals(ExitCodes.USAGE, url.exit());
        assertTrue(url.err().contains("--url localhost:8080: expected http://HOST[:PORT]"), url.err());
        final Run realtime = run("--realtime-priority", "100");
        assertTrue(realtime.err().contains("--realtime-priority: real-time priority must be in 1..99: 100"),
            realtime.err());
        final Run profile = run("--profile", "/nonexistent.csv");
        assertTrue(profile.err().contains("--profile /nonexistent.csv: no such readable file"), profile.err());
    }

    @Test
    void shouldAcceptChoicesInAnyCase()
    {
        final LoadgenCommand command = new LoadgenCommand();
        new CommandLine(command).parseArgs("--transport", "NIO", "--progress", "Off");
        assertEquals("nio", command.options.transport);
        assertEquals("off", command.options.progress);
    }

    @Test
    void shouldExitWithTwoAndOneStderrLineWhenNoGatewayAnswers(@TempDir final Path dir)
    {
        final Path reports = dir.resolve("reports");
        final Run r = run("--url", "http://127.0.0.1:1", "--duration", "1s", "--warmup", "0",
            "--report-dir", reports.toString());
        assertEquals(ExitCodes.USAGE, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("http://127.0.0.1:1 is not healthy"), r.err());
        assertFalse(Files.exists(reports), "nothing created");
    }

    @Test
    void shouldParseThresholds()
    {
        final Threshold buy = Threshold.parse("buy:p99<10ms");
        assertEquals(RequestKind.BUY, buy.kind());
        assertEquals(99.0, buy.percentile());
        assertEquals(10e6, buy.limit());
        final Threshold spike = Threshold.parse("buy@spike:p99.9<=250us");
        assertEquals(SalePhase.MIDNIGHT_SPIKE, spike.phase());
        assertTrue(spike.inclusive());
        assertEquals(250e3, spike.limit());
        assertEquals(0.01, Threshold.parse("errors<1%").limit(), 1e-12);
        assertEquals(100.0, Threshold.parse("daytime:max<1.5s").percentile());
        assertThrows(IllegalArgumentException.class, () -> Threshold.parse("p99>10ms"));
        assertThrows(IllegalArgumentException.class, () -> Threshold.parse("p101<10ms"));
        assertThrows(IllegalArgumentException.class, () -> Threshold.parse("spike@buy:p99<10ms"));
    }

    @Test
    void shouldJudgeThresholdsOnTheRunsHistograms()
    {
        final RunResult r = ReportTest.syntheticRun();
        assertTrue(Threshold.parse("buy:p50<0.5ms").evaluate(r).passed());
        assertFalse(Threshold.parse("buy:p50<0.45ms").evaluate(r).passed());
        assertTrue(Threshold.parse("errors<1%").evaluate(r).passed());
        final Threshold.Verdict none = Threshold.parse("pay:p99<1s").evaluate(r);
        assertFalse(none.passed());
        assertEquals("no answers", none.actual());
        assertTrue(Threshold.parse("close:max<31ms").evaluate(r).passed());
        assertFalse(Threshold.parse("close:max<25ms").evaluate(r).passed());
    }

    @Test
    void shouldSplitOneScheduleIntoDisjointParts()
    {
        final RateSchedule s = RateSchedule.constant(1000, 3 * SECOND);
        long total = 0;
        for (int i = 1; i <= 3; i++)
        {
            final Part part = new Part(i, 3);
            final RateSchedule.Cursor c = s.cursor(i - 1, 3);
            while (c.hasNext())
            {
                assertEquals(i - 1, c.arrival() % 3);
                c.advance();
                total++;
            }
            for (long draw = 0; draw < 100; draw++)
            {
                assertEquals(i - 1, (part.member(draw) - 1) % 3, "buyers of part " + part);
            }
        }
        assertEquals(s.totalArrivals(), total);
    }

    @Test
    void shouldRefuseToMergeAnIncompleteSetOfParts(@TempDir final Path dir) throws Exception
    {
        final RunResult r = ReportTest.syntheticRun();
        final RunResult part = new RunResult(LoadPlan.forPart(r.plan(), new Part(1, 3), r.startEpochMillis()),
            r.transport(), r.skuCount(), r.elapsedSeconds(), r.startEpochMillis(), r.latency(), r.sendLag(),
            r.arrivalsByPhase(), r.sent(), r.retries(), r.abandoned(), r.unknownBuys(), r.protocolErrors(),
            r.duplicateChecks(), r.duplicateViolations(), r.orders(), r.ordersByState(), r.samples(), null,
            dir.resolve("p1.hlog"), 1, List.of(), null);
        SummaryJson.write(part, "p1", Map.of("hlog", "p1.hlog"), dir.resolve("p1.summary.json"));
        final SummaryJson.Loaded back = SummaryJson.read(dir.resolve("p1.summary.json"));
        assertEquals(new Part(1, 3), back.part());
        assertEquals(r.phaseHistogram(null), back.result().phaseHistogram(null), "histograms survive the summary");
        assertEquals(r.plan().schedule().busiestSecondRate(), back.result().plan().schedule().busiestSecondRate());
        final Path merged = dir.resolve("merged");
        final Run missing = run("merge", dir.toString(), "--report-dir", merged.toString());
        assertEquals(ExitCodes.USAGE, missing.exit(), missing.err());
        assertTrue(missing.err().contains("parts [2, 3] of 3 are missing"), missing.err());
        final Run nothing = run("merge", dir.resolve("nope").toString(), "--report-dir", merged.toString());
        assertEquals(ExitCodes.USAGE, nothing.exit());
        assertTrue(nothing.err().contains("no such directory or readable file"), nothing.err());
        assertFalse(Files.exists(merged), "nothing created");
    }
}
