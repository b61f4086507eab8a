package io.flashsale.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./flashsale} launcher, run by bash in a copy of the source tree with stand-ins for {@code mvn} (which
 * records how it was called, "builds" the jars, and prints the bare escape codes Debian's Maven prints unless told
 * not to) and {@code java} (which echoes its arguments): the first run says what it builds, how long it took and
 * where the jar is, with no escape codes; a second run builds nothing; a failed build exits 2 saying so.
 */
class LauncherScriptTest
{
    private static final String ESC = "\u001b";

    @TempDir
    Path root;

    private Path bin;

    private record Run(int exitCode, String out, String err)
    {
    }

    @BeforeEach
    void copyTheLauncherIntoAFakeTree() throws IOException
    {
        Path source = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(source.resolve("flashsale")))
        {
            source = source.getParent();
        }
        Files.copy(source.resolve("flashsale"), root.resolve("flashsale"));
        Files.writeString(root.resolve("pom.xml"), "<project><properties>\n" +
            "<chronicle.jvm.args>-Dchronicle.test=1</chronicle.jvm.args>\n</properties></project>\n");
        for (final String module : List.of("process", "engine", "gateway", "cluster", "bench"))
        {
            Files.createDirectories(root.resolve(module));
        }
        bin = Files.createDirectories(root.resolve("stand-in-bin"));
        script(bin.resolve("mvn"), """
            #!/usr/bin/env bash
            echo "$* | $MAVEN_OPTS" >> "$MVN_CALLS_LOG"
            [[ "$MAVEN_OPTS" == *-Djansi.noreset=true* ]] || printf '\\033[0m\\033[0m'
            [[ -n "${MVN_SHOULD_FAIL:-}" ]] && { echo "[ERROR] compilation failed"; exit 1; }
            mkdir -p bench/cli/target bench/jmh/target
            touch bench/cli/target/flashsale.jar bench/jmh/target/flashsale-benchmarks.jar
            """);
        script(bin.resolve("java"), """
            #!/usr/bin/env bash
            echo "java $*"
            """);
    }

    private static void script(final Path file, final String text) throws IOException
    {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Run launch(final boolean failBuild, final String... args) throws Exception
    {
        final List<String> command = new java.util.ArrayList<>(List.of("bash", root.resolve("flashsale").toString()));
        command.addAll(List.of(args));
        final ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("MVN_CALLS_LOG", root.resolve("mvn.log").toString());
        builder.environment().remove("MAVEN_OPTS");
        if (failBuild)
        {
            builder.environment().put("MVN_SHOULD_FAIL", "1");
        }
        final Path out = root.resolve("out.txt");
        final Path err = root.resolve("err.txt");
        final Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try
        {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish");
        }
        finally
        {
            process.destroyForcibly();
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void shouldSayWhatItBuildsAndWhereTheJarIsWithoutEscapeCodesThenNotBuildAgain() throws Exception
    {
        final Path jar = root.resolve("bench/cli/target/flashsale.jar");
        final Run first = launch(false, "--help");
        assertEquals(0, first.exitCode(), first.toString());
        assertTrue(first.err().startsWith("flashsale: building flashsale (first run, ~30 s;"), first.toString());
        assertTrue(first.err().contains("flashsale: built in ") && first.err().contains(jar.toString()),
            first.toString());
        assertFalse(first.out().contains(ESC) || first.err().contains(ESC), "no escape codes: " + first);
        final String mvn = Files.readString(root.resolve("mvn.log"));
        for (final String flag : List.of("-B", "-q", "-Dstyle.color=never", "-DskipTests", "package"))
        {
            assertTrue(List.of(mvn.split("[\\s|]+")).contains(flag), flag + " in: " + mvn);
        }
        assertTrue(first.out().startsWith("java ") && first.out().contains("-Dchronicle.test=1") &&
            first.out().contains("-jar " + jar + " --help"), first.toString());

        final Run second = launch(false, "audit", "--help");
        assertEquals(0, second.exitCode(), second.toString());
        assertEquals("", second.err(), "nothing to build the second time");
        assertEquals(1, Files.readAllLines(root.resolve("mvn.log")).size(), "maven ran once");
    }

    @Test
    void shouldExitTwoSayingTheBuildFailed() throws Exception
    {
        final Run run = launch(true, "--help");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("flashsale: build failed"), run.toString());
        assertFalse(run.out().contains("java "), "nothing started: " + run);
    }
}
