package io.flashsale.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * {@code flashsale bench} hands every argument, untouched and in order, to the benchmarks jar in a JVM of its own,
 * and says plainly when that jar is not there.
 */
class BenchLauncherTest
{
    @Test
    void shouldPassEveryArgumentToTheBenchmarksJarUnparsedAndInOrder()
    {
        final List<String> given = List.of("--include", ".*OrderRequestDecodingBenchmark.*", "--iterations", "1",
            "--warmup", "1", "--time", "1s", "--jvm-args", "-Xmx1g -XX:+UseSerialGC", "--help");
        final CommandLine flashsale = Flashsale.commandLine();
        final List<String> args = new ArrayList<>(given);
        args.add(0, "bench");
        final CommandLine.ParseResult parsed = flashsale.parseArgs(args.toArray(new String[0]));
        final BenchLauncher bench = parsed.subcommand().commandSpec().commandLine().getCommand();
        assertEquals(given, bench.arguments());
        final Path jar = Path.of("/opt/flashsale-benchmarks.jar");
        final List<String> command = BenchLauncher.command(jar, bench.arguments());
        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), command.get(0));
        assertEquals(List.of("-jar", jar.toString()), command.subList(1, 3));
        assertEquals(given, command.subList(3, command.size()));
    }

    @Test
    void shouldExitTwoNamingTheJarWhenTheBenchmarksJarIsMissing(@TempDir final Path dir)
    {
        final Path missing = dir.resolve("flashsale-benchmarks.jar");
        final String saved = System.getProperty(BenchLauncher.JAR_PROPERTY);
        System.setProperty(BenchLauncher.JAR_PROPERTY, missing.toString());
        try
        {
            final StringWriter err = new StringWriter();
            final CommandLine flashsale = Flashsale.commandLine();
            flashsale.setErr(new PrintWriter(err, true));
            assertEquals(BenchLauncher.EXIT_NO_JAR, flashsale.execute("bench", "--help"));
            assertTrue(err.toString().contains(missing + " not found"), err.toString());
        }
        finally
        {
            if (saved == null)
            {
                System.clearProperty(BenchLauncher.JAR_PROPERTY);
            }
            else
            {
                System.setProperty(BenchLauncher.JAR_PROPERTY, saved);
            }
        }
    }

    @Test
    void shouldFindTheBenchmarksJarBuiltBesideThisModule()
    {
        final String saved = System.getProperty(BenchLauncher.JAR_PROPERTY);
        System.clearProperty(BenchLauncher.JAR_PROPERTY);
        try
        {
            final Path jar = BenchLauncher.benchmarksJar();
            assertTrue(jar != null && jar.endsWith(Path.of("bench", "jmh", "target", "flashsale-benchmarks.jar")),
                String.valueOf(jar));
        }
        finally
        {
            if (saved != null)
            {
                System.setProperty(BenchLauncher.JAR_PROPERTY, saved);
            }
        }
    }
}
