package io.flashsale.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.bench.crash.CrashSale;
import io.flashsale.bench.crash.NodeProcess;
import io.flashsale.client.HttpConnection;
import io.flashsale.client.Requests;
import io.flashsale.client.Response;

/**
 * One node per data directory, checked with real processes: a node runs in its own JVM, and beside it a second
 * {@code flashsale run} on the same directory exits 2 at once with one line naming the directory and the holder's pid,
 * leaving every file as it was; {@code audit} and {@code export} read the live node's journal without writing. While
 * the directory listing is compared the node is frozen (SIGSTOP), so only the second process could change it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecondNodeTest
{
    private static final String TOKEN = "second-node-token";
    private static final long TIMEOUT_SECONDS = 60;

    private Path workDir;
    private Path dataDir;
    private Path sale;
    private NodeProcess node;
    private final AtomicInteger runs = new AtomicInteger();

    /**
     * How a command-line process ended.
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

    @BeforeAll
    void startNode(@TempDir final Path directory) throws Exception
    {
        workDir = directory;
        dataDir = workDir.resolve("data");
        sale = CrashSale.write(workDir.resolve("sale.json"));
        node = NodeProcess.start(System.getProperty("java.class.path"), "256m", dataDir, sale, TOKEN, 0,
            workDir.resolve("node.log"));
        node.awaitHealthy(120_000);
    }

    @AfterAll
    void stopNode()
    {
        if (node != null)
        {
            node.close();
        }
    }

    @Test
    void shouldRefuseASecondNodeWithExitTwoNamingTheDirectoryAndHolderAndTouchNothing() throws Exception
    {
        assertEquals(201, buy("refused-1").status());
        final Path relative = Path.of("").toAbsolutePath().relativize(dataDir);
        final List<String> before;
        final Run second;
        freeze();
        try
        {
            before = listing(dataDir);
            second = flashsale("run", "--port", "0", "--data-dir", relative.toString(), "--sale", sale.toString(),
                "--token", TOKEN);
            assertEquals(before, listing(dataDir), "the second node changed the data directory");
        }
        finally
        {
            thaw();
        }
        assertEquals(2, second.exitCode(), second.toString());
        assertEquals("flashsale run: data directory " + dataDir.toAbsolutePath() + " is in use by another node (pid " +
            node.pid() + ")" + System.lineSeparator(), second.err(), second.toString());
        try (HttpConnection connection = new HttpConnection(node.port(), 10_000))
        {
            assertEquals(200, connection.exchange("GET", Requests.HEALTH, null).status());
        }
        assertEquals(201, buy("refused-2").status(), "the first node still sells");
    }

    @Test
    void shouldAuditAndExportReadOnlyBesideTheLiveNode() throws Exception
    {
        assertEquals(201, buy("beside-1").status());
        final Run audit = flashsale("audit", dataDir.toString());
        assertEquals(0, audit.exitCode(), audit.toString());
        assertTrue(audit.out().contains("audit: OK"), audit.toString());
        final Run export = flashsale("export", dataDir.toString());
        assertEquals(0, export.exitCode(), export.toString());
        assertTrue(export.out().contains("\"requestId\":\"beside-1\""), export.toString());

        final List<String> before;
        final Run frozenAudit;
        final Run frozenExport;
        freeze();
        try
        {
            before = listing(dataDir);
            frozenAudit = flashsale("audit", dataDir.toString());
            frozenExport = flashsale("export", dataDir.toString(), "--format", "csv");
            assertEquals(before, listing(dataDir), "audit or export changed the data directory");
        }
        finally
        {
            thaw();
        }
        assertEquals(0, frozenAudit.exitCode(), frozenAudit.toString());
        assertEquals(0, frozenExport.exitCode(), frozenExport.toString());
        assertTrue(frozenExport.out().contains(",beside-1,"), frozenExport.toString());
        assertEquals(201, buy("beside-2").status(), "the node still sells after the tools ran");
    }

    private Response buy(final String requestId) throws IOException
    {
        try (HttpConnection connection = new HttpConnection(node.port(), 10_000))
        {
            return connection.exchange("POST", Requests.ORDERS, Requests.buy(2005, 1, 1, requestId));
        }
    }

    /**
     * Run {@code flashsale ARGS} in its own JVM, as the launcher does, and wait for it to exit.
     */
    private Run flashsale(final String... args) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.addAll(NodeProcess.jvmFlags());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Flashsale.class.getName()));
        command.addAll(List.of(args));
        final int n = runs.incrementAndGet();
        final Path out = workDir.resolve("flashsale-" + n + ".out");
        final Path err = workDir.resolve("flashsale-" + n + ".err");
        final ProcessBuilder builder = new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
        builder.environment().remove("FLASHSALE_ADMIN_TOKEN");
        final Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS))
        {
            process.destroyForcibly().waitFor();
            fail("flashsale " + String.join(" ", args) + " did not exit:\n" +
                Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    }

    /**
     * Every file and directory under {@code dir} with its size and modification time (stat only: nothing is opened).
     */
    private static List<String> listing(final Path dir) throws IOException
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            return paths.map(p ->
            {
                try
                {
                    final BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    return dir.relativize(p) + " " + a.size() + " " + a.lastModifiedTime();
                }
                catch (final IOException ex)
                {
                    return dir.relativize(p) + " " + ex;
                }
            }).sorted().collect(Collectors.toList());
        }
    }

    /** SIGSTOP the node and wait until every one of its threads has stopped (no write still in flight). */
    private void freeze() throws IOException, InterruptedException
    {
        signal("STOP");
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!allThreadsStopped(node.pid()))
        {
            if (System.nanoTime() > deadline)
            {
                fail("node " + node.pid() + " did not stop on SIGSTOP");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private void thaw() throws IOException, InterruptedException
    {
        signal("CONT");
    }

    private void signal(final String name) throws IOException, InterruptedException
    {
        final Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(node.pid())).inheritIO().start();
        assertTrue(kill.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name);
    }

    private static boolean allThreadsStopped(final long pid) throws IOException
    {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task")))
        {
            for (final Path task : (Iterable<Path>)tasks::iterator)
            {
                final String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                final char state = stat.substring(stat.lastIndexOf(')') + 1).trim().charAt(0);
                if (state != 'T' && state != 't')
                {
                    return false;
                }
            }
            return true;
        }
        catch (final NoSuchFileException ex)
        {
            return false;
        }
    }
}
