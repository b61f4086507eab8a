package io.flashsale.bench.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.flashsale.client.HttpConnection;
import io.flashsale.client.Requests;

/**
 * A node running in its own JVM ({@code java <flags> -cp <classpath> RunCommand ...}) on a data directory, with its
 * output copied to a log file and scanned for the bound port and the engine's recovery line. {@link #kill()} sends
 * SIGKILL (on Linux {@link Process#destroyForcibly()}), {@link #stop()} SIGTERM (graceful: drain, snapshot, exit 0).
 * Public for the command line's tests, which run a second {@code flashsale} beside such a node. One thread drives an
 * instance; the output pump thread only publishes the port and recovery figures (volatile).
 */
public final class NodeProcess implements AutoCloseable
{
    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");
    private static final Pattern RECOVERED =
        Pattern.compile("recovered (\\d+) orders from (.+) and (\\d+) journal records in (\\d+) ms");
    private static final String JVM_PROPERTIES = "/flashsale-jvm.properties";

    private final Process process;
    private final long startNanos;
    private volatile int port = -1;
    private volatile long recoveryMillis = -1;
    private volatile long recordsReplayed = -1;
    private volatile String recoveredFrom = "";
    private final List<String> notable = new ArrayList<>();

    private NodeProcess(final Process process, final long startNanos, final Path log)
    {
        this.process = process;
        this.startNanos = startNanos;
        final Thread pump = new Thread(() -> pump(process.getInputStream(), log), "node-output");
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * @param classpath class path of the node (the test class path, or the shaded jar).
     * @param heap      -Xmx value, e.g. {@code 512m}.
     * @param dataDir   data directory.
     * @param saleFile  sale definition to install at first start.
     * @param token     admin token.
     * @param snapshotEvery journal records between snapshots.
     * @param log       file the node's output is appended to.
     * @return the started process (not yet serving: see {@link #awaitHealthy(long)}).
     * @throws IOException if the JVM cannot be started.
     */
    public static NodeProcess start(
        final String classpath, final String heap, final Path dataDir, final Path saleFile, final String token,
        final long snapshotEvery, final Path log) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-XX:+UseSerialGC");
        command.addAll(jvmFlags());
        command.addAll(List.of("-cp", classpath, "io.flashsale.gateway.cli.RunCommand",
            "--port", "0", "--data-dir", dataDir.toString(), "--token", token, "--sale", saleFile.toString(),
            "--snapshot-every", Long.toString(snapshotEvery), "--expected-orders", "262144",
            "--expected-skus", "64", "--warm-up-orders", "0")); // restarted often: no JIT warm-up
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("FLASHSALE_ADMIN_TOKEN");
        final long start = System.nanoTime();
        return new NodeProcess(builder.start(), start, log);
    }

    /**
     * @return the JVM flags Chronicle Queue needs, for any child JVM of the flashsale classes (node or tool).
     * @throws IOException if the flags resource is missing.
     */
    public static List<String> jvmFlags() throws IOException
    {
        final Properties p = new Properties();
        try (InputStream in = NodeProcess.class.getResourceAsStream(JVM_PROPERTIES))
        {
            if (in == null)
            {
                throw new IOException(JVM_PROPERTIES + " missing from the class path");
            }
            p.load(in);
        }
        final List<String> flags = new ArrayList<>(Arrays.asList(
            p.getProperty("chronicle.jvm.args").trim().split("\\s+")));
        if (Runtime.version().feature() >= 24)
        {
            flags.add("--enable-native-access=ALL-UNNAMED");
            flags.add("--sun-misc-unsafe-memory-access=allow");
        }
        return flags;
    }

    private void pump(final InputStream in, final Path log)
    {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                out.println(line);
                out.flush();
                scan(line);
            }
        }
        catch (final IOException ex)
        {
            // the pipe closes when the node is killed: its output ends there
        }
    }

    private void scan(final String line)
    {
        final Matcher listening = LISTENING.matcher(line);
        if (port < 0 && listening.find())
        {
            port = Integer.parseInt(listening.group(1));
        }
        final Matcher recovered = RECOVERED.matcher(line);
        if (recovered.find())
        {
            recoveredFrom = recovered.group(2);
            recordsReplayed = Long.parseLong(recovered.group(3));
            recoveryMillis = Long.parseLong(recovered.group(4));
        }
        if (line.contains(" WARN ") || line.contains(" ERROR ") || line.contains("Exception"))
        {
            synchronized (notable)
            {
                if (notable.size() < 50)
                {
                    notable.add(line);
                }
            }
        }
    }

    /**
     * Wait until the port is known and {@code GET /health} answers 200.
     *
     * @param timeoutMillis how long to wait.
     * @return milliseconds from the process start until /health answered.
     * @throws IOException if the node exits or does not answer in time.
     * @throws InterruptedException if interrupted.
     */
    public long awaitHealthy(final long timeoutMillis) throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline)
        {
            if (!process.isAlive())
            {
                throw new IOException("node exited with " + process.exitValue() + " during start");
            }
            if (port > 0)
            {
                try (HttpConnection connection = new HttpConnection(port, 2_000))
                {
                    if (connection.exchange("GET", Requests.HEALTH, null).status() == 200)
                    {
                        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
                    }
                }
                catch (final IOException ex)
                {
                    Thread.sleep(5);
                    continue;
                }
            }
            Thread.sleep(5);
        }
        throw new IOException("node did not answer /health within " + timeoutMillis + " ms");
    }

    /**
     * @return the port the node listens on, or -1 before it said so.
     */
    public int port()
    {
        return port;
    }

    /**
     * @return the node's process id (the pid its {@code node.lock} names).
     */
    public long pid()
    {
        return process.pid();
    }

    long recoveryMillis()
    {
        return recoveryMillis;
    }

    long recordsReplayed()
    {
        return recordsReplayed;
    }

    String recoveredFrom()
    {
        return recoveredFrom;
    }

    List<String> notableLines()
    {
        synchronized (notable)
        {
            return new ArrayList<>(notable);
        }
    }

    /**
     * SIGKILL, then wait for the process to be gone.
     *
     * @throws InterruptedException if interrupted.
     */
    void kill() throws InterruptedException
    {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * SIGTERM and wait for a clean exit.
     *
     * @return the exit code, or -1 if it had to be killed after 60 s.
     * @throws InterruptedException if interrupted.
     */
    int stop() throws InterruptedException
    {
        process.destroy();
        if (process.waitFor(60, TimeUnit.SECONDS))
        {
            return process.exitValue();
        }
        kill();
        return -1;
    }

    @Override
    public void close()
    {
        if (process.isAlive())
        {
            process.destroyForcibly();
            try
            {
                process.waitFor(30, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}
