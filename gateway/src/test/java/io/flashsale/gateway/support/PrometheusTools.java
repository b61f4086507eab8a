package io.flashsale.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code prometheus} package for tests: {@code promtool} to lint expositions and rules, {@code prometheus}
 * to scrape a node. {@link #require()} installs the package with apt-get when the binaries are missing and this JVM
 * runs as root; when it cannot be had the calling test is skipped, except on CI ({@code CI=true}) where it fails. The
 * install is attempted once per JVM. Thread-safe.
 */
public final class PrometheusTools
{
    /** promtool. */
    public static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    /** the server. */
    public static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final long INSTALL_TIMEOUT_MINUTES = 10;
    private static final long TOOL_TIMEOUT_SECONDS = 60;

    private static boolean installAttempted;

    private PrometheusTools()
    {
    }

    /**
     * What a command printed and how it exited.
     *
     * @param exitCode its exit code.
     * @param output   stdout and stderr together.
     */
    public record Result(int exitCode, String output)
    {
    }

    /**
     * Find (or install) promtool and prometheus; skip the calling test if they cannot be had (fail it on CI).
     */
    public static synchronized void require()
    {
        if (!present() && !installAttempted && "root".equals(System.getProperty("user.name")))
        {
            installAttempted = true;
            if (install() != 0)
            {
                run(List.of("apt-get", "update", "-q"), null, INSTALL_TIMEOUT_MINUTES * 60);
                install();
            }
        }
        if (!present())
        {
            if ("true".equalsIgnoreCase(System.getenv("CI")))
            {
                Assertions.fail("Debian's prometheus package is required on CI and could not be installed");
            }
            Assumptions.assumeTrue(false, "promtool/prometheus are not installed and cannot be installed here");
        }
    }

    /**
     * Run promtool.
     *
     * @param stdin what to feed it (null for nothing).
     * @param args  its arguments.
     * @return its exit code and output.
     */
    public static Result promtool(final String stdin, final String... args)
    {
        final List<String> command = new java.util.ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(args));
        return run(command, stdin, TOOL_TIMEOUT_SECONDS);
    }

    private static boolean present()
    {
        return Files.isExecutable(PROMTOOL) && Files.isExecutable(PROMETHEUS);
    }

    private static int install()
    {
        return run(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends", "prometheus"), null,
            INSTALL_TIMEOUT_MINUTES * 60).exitCode();
    }

    private static Result run(final List<String> command, final String stdin, final long timeoutSeconds)
    {
        try
        {
            final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            final Map<String, String> env = builder.environment();
            env.put("DEBIAN_FRONTEND", "noninteractive");
            final Process p = builder.start();
            try (OutputStream in = p.getOutputStream())
            {
                if (stdin != null)
                {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            final byte[] output;
            try (InputStream out = p.getInputStream())
            {
                output = out.readAllBytes();
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS))
            {
                p.destroyForcibly();
                return new Result(-1, "timed out: " + command);
            }
            return new Result(p.exitValue(), new String(output, StandardCharsets.UTF_8));
        }
        catch (final IOException ex)
        {
            return new Result(-1, ex.toString());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return new Result(-1, ex.toString());
        }
    }
}
