package io.flashsale.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.bench.jmh.BenchCommand;
import io.flashsale.gateway.cli.CommandLines;
import io.flashsale.process.ExitCodes;
import picocli.CommandLine;

/**
 * Bad input to any command, the ones users tried (issue 13) and more: one line on stderr naming the problem, exit 2,
 * no stack trace, nothing on stdout, and nothing created. Commands run in-process through picocli; the port in use
 * also in a real process, since that report was about files a node process left behind.
 */
class BadInputTest
{
    @TempDir
    Path work;

    private record Outcome(int exitCode, String out, String err)
    {
    }

    private Outcome flashsale(final String... args)
    {
        return execute(Flashsale::commandLine, args);
    }

    /**
     * Runs a command line made after System.out and System.err are captured: picocli's default execution strategy
     * remembers the streams of its time of creation and would write to those.
     */
    private static Outcome execute(final Supplier<CommandLine> commandLines, final String... args)
    {
        final StringWriter err = new StringWriter();
        final StringWriter out = new StringWriter();
        final ByteArrayOutputStream systemOut = new ByteArrayOutputStream();
        final ByteArrayOutputStream systemErr = new ByteArrayOutputStream();
        final PrintStream savedOut = System.out;
        final PrintStream savedErr = System.err;
        System.setOut(new PrintStream(systemOut, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(systemErr, true, StandardCharsets.UTF_8));
        final int exit;
        try
        {
            final CommandLine commandLine = commandLines.get();
            commandLine.setErr(new PrintWriter(err, true));
            commandLine.setOut(new PrintWriter(out, true));
            exit = commandLine.execute(args);
        }
        finally
        {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
        return new Outcome(exit, out + systemOut.toString(StandardCharsets.UTF_8),
            err + systemErr.toString(StandardCharsets.UTF_8));
    }

    private Set<String> listing() throws IOException
    {
        try (Stream<Path> files = Files.walk(work))
        {
            final Set<String> names = new TreeSet<>();
            files.forEach(p -> names.add(work.relativize(p).toString()));
            return names;
        }
    }

    private void assertRefused(final Outcome outcome, final String command, final String problem)
    {
        final String text = outcome.toString();
        assertEquals(ExitCodes.USAGE, outcome.exitCode(), text);
        assertEquals("", outcome.out(), "nothing on stdout: " + text);
        final List<String> lines = outcome.err().lines().toList();
        assertEquals(1, lines.size(), "one line: " + text);
        assertTrue(lines.get(0).startsWith(command + ": "), text);
        assertTrue(lines.get(0).contains(problem), "names the problem (" + problem + "): " + text);
        assertFalse(lines.get(0).contains("Exception") || lines.get(0).contains("\tat "), "no Java: " + text);
    }

    private void assertRefused(final String problem, final String... args) throws IOException
    {
        final Set<String> before = listing();
        final String command = "flashsale" + (args[0].startsWith("-") || args[0].equals("nosuch") ? "" :
            " " + args[0]);
        assertRefused(flashsale(args), command, problem);
        assertEquals(before, listing(), "nothing created by " + String.join(" ", args));
    }

    @Test
    void shouldRefuseBadInputToEveryCommandWithOneLineAndExitTwoCreatingNothing() throws IOException
    {
        final String data = work.resolve("data").toString();
        final String reports = work.resolve("reports").toString();
        final Path bad = Files.writeString(work.resolve("bad.json"), "{bad", StandardCharsets.UTF_8);
        final Path journalDir = Files.createDirectories(work.resolve("node").resolve("journal"));
        final String node = journalDir.getParent().toString();

        assertRefused("no such file or directory: /nonexistent.json",
            "run", "--sale", "/nonexistent.json", "--data-dir", data);
        assertRefused("malformed JSON", "run", "--sale", bad.toString(), "--data-dir", data);
        assertRefused("ring size must be a power of two: 1000", "run", "--ring-size", "1000", "--data-dir", data);
        assertRefused("port must be in 0..65535: 99999", "run", "--port", "99999", "--data-dir", data);
        assertRefused("'--wait-strategy'", "run", "--wait-strategy", "sideways", "--data-dir", data);
        assertRefused("port must be in 0..65535", "run", "--sync-policy", "every_batch", "--wait-strategy", "phased",
            "--port", "-1", "--data-dir", data);
        assertRefused("max batch size must be >= 1", "run", "--max-batch", "0", "--data-dir", data);
        assertRefused("--expected-skus and --expected-orders must be at least 1", "run", "--expected-skus", "0",
            "--data-dir", data);
        assertRefused("unknown host no.such.host.invalid", "run", "--host", "no.such.host.invalid", "--port", "0",
            "--data-dir", data);

        assertRefused("no journal in /nonexistent", "audit", "/nonexistent");
        assertRefused("--skus must be 0 (all) or more", "audit", node, "--skus", "-1");

        assertRefused("--profile /nonexistent.csv: no such readable file", "loadgen", "--profile", "/nonexistent.csv",
            "--report-dir", reports);
        assertRefused("positive", "loadgen", "--rate", "-5", "--report-dir", reports);
        assertRefused("positive", "loadgen", "--duration", "0", "--report-dir", reports);
        assertRefused("did you mean --rate?", "loadgen", "--rat", "5", "--report-dir", reports);

        assertRefused("expected one of [JSONL, CSV] (case-insensitive) but was 'xml'", "export", node,
            "--format", "xml");
        assertRefused("but was 'JSON'", "export", node, "--format", "JSON");
        assertRefused("no journal in /nonexistent", "export", "/nonexistent");
        assertRefused("'XYZ' is not an ISO 4217 currency code", "export", node, "--currency", "XYZ");
        assertRefused("--output: no such directory", "export", node, "-o", work.resolve("no/such/x.csv").toString());
        assertRefused("--poll-ms must be in 1..60000", "export", node, "--follow", "--poll-ms", "0");

        final String crashDir = work.resolve("crash").toString();
        assertRefused("--kills must be at least 1, got 0", "crash", "--kills", "0", "--work-dir", crashDir);
        assertRefused("--heap must be a JVM heap size", "crash", "--heap", "lots", "--work-dir", crashDir);
        assertRefused("--max-run-ms must be at least 500", "crash", "--max-run-ms", "100", "--work-dir", crashDir);

        final String demoDir = work.resolve("demo").toString();
        assertRefused("positive", "demo", "--rate", "-5", "--data-dir", demoDir, "--report-dir", reports);
        assertRefused("--port must be in 0..65535, got 70000", "demo", "--port", "70000", "--data-dir", demoDir);
        assertRefused("the demo runs one generator against its own node", "demo", "--part", "1/2", "--data-dir",
            demoDir, "--report-dir", reports);

        final String clusterDir = work.resolve("cluster").toString();
        assertRefused("--members must be 1, 3 or 5, got 2", "cluster", "--members", "2", "--data-dir", clusterDir);
        assertRefused("--archive-sync-level must be 0, 1 or 2", "cluster", "--archive-sync-level", "7",
            "--data-dir", clusterDir);
        assertRefused("no such file or directory: /nonexistent.json", "cluster", "--sale", "/nonexistent.json",
            "--data-dir", clusterDir);
        assertRefused("/nonexistent.json: no such file", "member", "--config", "/nonexistent.json", "--member", "0",
            "--data-dir", work.resolve("member").toString());
        assertRefused("/nonexistent.json: no such file", "gateway", "--config", "/nonexistent.json");

        assertRefused("Unmatched argument at index 0: 'nosuch'", "nosuch");
        assertRefused("Unknown option: '--bogus'", "--bogus");
    }

    @Test
    void shouldRefuseBadBenchmarkOptionsBeforeCreatingTheResultsFile() throws IOException
    {
        final String results = work.resolve("results").resolve("jmh.json").toString();
        final Set<String> before = listing();
        for (final String[] args : List.of(
            new String[] {"--param", "foo", "--output", results},
            new String[] {"--include", "nomatch", "--output", results},
            new String[] {"--time", "soon", "--output", results},
            new String[] {"--iterations", "0", "--output", results}))
        {
            final Outcome outcome = execute(() -> CommandLines.configure(new CommandLine(new BenchCommand())), args);
            assertRefused(outcome, "flashsale bench", args[0]);
            assertEquals(before, listing(), "nothing created by bench " + String.join(" ", args));
        }
    }

    @Test
    void shouldNameAPortInUseAndCreateNoDataDirectory() throws IOException
    {
        try (ServerSocket taken = new ServerSocket())
        {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            final String port = Integer.toString(taken.getLocalPort());
            assertRefused("port " + port + " is already in use on 127.0.0.1",
                "run", "--port", port, "--data-dir", work.resolve("data").toString());
            assertRefused("port " + port + " is already in use", "demo", "--port", port,
                "--data-dir", work.resolve("demo").toString());
            assertRefused("port " + port + " is already in use", "cluster", "--port", port,
                "--data-dir", work.resolve("cluster").toString());
        }
    }

    @Test
    void shouldNameAPortInUseFromANodeProcessAndLeaveNoJournalOrHlog() throws Exception
    {
        try (ServerSocket taken = new ServerSocket())
        {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            final Path data = work.resolve("data");
            final List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
            {
                if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle"))
                {
                    command.add(arg);
                }
            }
            command.addAll(List.of("-Xmx256m", "-cp", System.getProperty("java.class.path"),
                Flashsale.class.getName(), "run", "--port", Integer.toString(taken.getLocalPort()),
                "--data-dir", data.toString()));
            final Path out = work.resolve("out.txt");
            final Path err = work.resolve("err.txt");
            final Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
            try
            {
                assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the node process did not exit");
            }
            finally
            {
                process.destroyForcibly();
            }
            final Outcome outcome = new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
            assertRefused(outcome, "flashsale run", "port " + taken.getLocalPort() + " is already in use on 127.0.0.1");
            assertFalse(Files.exists(data), "no data directory, journal or .hlog: " + outcome);
        }
    }

    @Test
    void shouldListTheExitCodesInEveryCommandsHelp()
    {
        final CommandLine flashsale = Flashsale.commandLine();
        final List<CommandLine> commands = new ArrayList<>(flashsale.getSubcommands().values());
        commands.add(flashsale);
        for (final CommandLine command : commands)
        {
            final String help = command.getUsageMessage();
            assertTrue(help.contains("Exit codes:") && help.contains("bad input") && help.contains("threshold"),
                command.getCommandName() + ": " + help);
        }
    }
}
