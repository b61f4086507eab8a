package io.flashsale.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.bench.crash.NodeProcess;
import io.flashsale.cluster.MemberHost;
import io.flashsale.engine.journal.DataDirectoryLock;
import picocli.CommandLine;

/**
 * {@code flashsale member}: refusals are one line on stderr and exit 2 with nothing launched (in this JVM); a member
 * run in its own JVM, as the launcher runs it, prints a line per shard, and SIGTERM closes it cleanly with exit 0.
 */
class MemberCommandTest
{
    private static final int PORT_BASE = 13_000 + (int)(ProcessHandle.current().pid() % 50) * 20;
    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path directory;

    /**
     * How a command ended.
     *
     * @param exitCode its exit code.
     * @param out      standard output.
     * @param err      standard error.
     */
    private record Run(int exitCode, String out, String err)
    {
        @Override
        public String toString()
        {
            return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    @Test
    void shouldRefuseABadOrMissingClusterFileWithOneLineAndExitTwo() throws IOException
    {
        final Path bad = Files.writeString(directory.resolve("bad.json"), "{\"members\": [\n", StandardCharsets.UTF_8);
        final Path data = directory.resolve("data");
        final Run malformed = member("--config", bad.toString(), "--member", "0", "--data-dir", data.toString());
        assertEquals(2, malformed.exitCode(), malformed.toString());
        assertTrue(malformed.err().startsWith("flashsale member: " + bad + ": not valid JSON: "), malformed.toString());
        assertEquals(1, malformed.err().lines().count(), malformed.toString());
        assertEquals("", malformed.out());

        final Path absent = directory.resolve("absent.json");
        final Run missing = member("--config", absent.toString(), "--member", "0", "--data-dir", data.toString());
        assertEquals(2, missing.exitCode(), missing.toString());
        assertEquals("flashsale member: " + absent + ": no such file" + System.lineSeparator(), missing.err());
        assertFalse(Files.exists(data), "nothing was created");
    }

    @Test
    void shouldRefuseAMemberTheFileDoesNotNameAndExitTwo() throws IOException
    {
        final Path data = directory.resolve("data");
        final Run run = member("--config", clusterFile().toString(), "--member", "3", "--data-dir", data.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("flashsale member: unknown member 3: the cluster file names members 0..0" + System.lineSeparator(),
            run.err());
        assertFalse(Files.exists(data), "nothing was created");
    }

    @Test
    void shouldRefuseADataDirectoryInUseAndExitTwo() throws IOException
    {
        final Path data = directory.resolve("data");
        final Run run;
        try (DataDirectoryLock lock = DataDirectoryLock.acquire(data))
        {
            run = member("--config", clusterFile().toString(), "--member", "0", "--data-dir", data.toString());
            assertTrue(lock.covers(data), "the holder keeps its lock");
        }
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("flashsale member: data directory " + data.toAbsolutePath() + " is in use by another node (pid " +
            ProcessHandle.current().pid() + ")" + System.lineSeparator(), run.err());
    }

    @Test
    @Timeout(value = TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
    void shouldRunInItsOwnJvmUntilSigtermThenCloseCleanlyAndExitZero() throws Exception
    {
        final Path config = clusterFile();
        final Path out = directory.resolve("member.out");
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.addAll(NodeProcess.jvmFlags());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Flashsale.class.getName(),
            "member", "--config", config.toString(), "--member", "0"));
        final Process process = new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
        try
        {
            while (!Files.readString(out, StandardCharsets.UTF_8).contains("flashsale member 0: shard 0 up"))
            {
                if (!process.isAlive())
                {
                    fail("the member exited: " + Files.readString(out, StandardCharsets.UTF_8));
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            process.destroy();
            assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "the member stops on SIGTERM");
        }
        finally
        {
            process.destroyForcibly();
        }
        final String output = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        final Path data = directory.resolve("data/cluster/member-0").toAbsolutePath();
        assertTrue(output.contains("flashsale member 0: stopped (data " + data + ")"), output);
        assertTrue(Files.isDirectory(data.resolve("archive")), "the default data directory holds the archive");
        assertTrue(Files.isDirectory(MemberHost.shardDirectory(data, 0).resolve(MemberHost.CLUSTER_DIR)), output);
        assertFalse(Files.exists(MemberHost.aeronDirectory(0, data)), "the driver directory is deleted on close");
    }

    private Path clusterFile() throws IOException
    {
        return Files.writeString(directory.resolve("cluster.json"), "{\"members\": [{\"id\": 0, \"host\": " +
            "\"127.0.0.1\", \"archivePort\": " + PORT_BASE + "}], \"shards\": [{\"id\": 0, \"portBase\": " +
            (PORT_BASE + 10) + "}]}", StandardCharsets.UTF_8);
    }

    private static Run member(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = Flashsale.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        final String[] arguments = new String[args.length + 1];
        arguments[0] = "member";
        System.arraycopy(args, 0, arguments, 1, args.length);
        final int exitCode = commandLine.execute(arguments);
        return new Run(exitCode, out.toString(), err.toString());
    }
}
