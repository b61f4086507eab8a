package io.flashsale.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium for tests that check what a page's own scripts draw (the node's dashboard, the load generator's
 * HTML report). {@link #require()} finds Debian's {@code chromium}, installing the package with apt-get when it is
 * missing and this JVM runs as root (the test boxes do); when it cannot be had the calling test is skipped, except on
 * CI ({@code CI=true}) where it fails. The install is attempted once per JVM. Thread-safe.
 */
public final class Chromium
{
    private static final List<Path> CANDIDATES =
        List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
    private static final long INSTALL_TIMEOUT_MINUTES = 10;
    private static final long PAGE_TIMEOUT_SECONDS = 120;

    private static boolean installAttempted;

    private Chromium()
    {
    }

    /**
     * Find (or install) chromium; when it cannot be had, skip the calling test (an aborted assumption), or fail it on
     * CI.
     *
     * @return the chromium binary.
     */
    public static synchronized Path require()
    {
        Path binary = find();
        if (binary == null && !installAttempted && "root".equals(System.getProperty("user.name")))
        {
            installAttempted = true;
            if (run(List.of("apt-get", "install", "-y", "-q", "chromium")) != 0)
            {
                run(List.of("apt-get", "update", "-q"));
                run(List.of("apt-get", "install", "-y", "-q", "chromium"));
            }
            binary = find();
        }
        if (binary == null)
        {
            if ("true".equalsIgnoreCase(System.getenv("CI")))
            {
                Assertions.fail("chromium is required on CI and could not be installed");
            }
            Assumptions.assumeTrue(false, "chromium is not installed and cannot be installed here");
        }
        return binary;
    }

    /**
     * Load a page in headless Chromium, let its scripts run (5 s of virtual time) and return the DOM they left.
     *
     * @param url     the page, e.g. {@code http://127.0.0.1:PORT/dashboard} or a {@code file:} URI.
     * @param profile an empty directory for the browser profile (the DOM is written there too).
     * @return the serialized DOM.
     * @throws IOException if chromium fails or does not finish within two minutes.
     */
    public static String dumpDom(final String url, final Path profile) throws IOException
    {
        final Path out = profile.resolve("dom.html");
        final Process p = new ProcessBuilder(require().toString(), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--dump-dom", url)
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
        try
        {
            if (!p.waitFor(PAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS))
            {
                p.destroyForcibly();
                throw new IOException("chromium did not finish within " + PAGE_TIMEOUT_SECONDS + " s: " + url);
            }
        }
        catch (final InterruptedException ex)
        {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while chromium loaded " + url, ex);
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static Path find()
    {
        for (final Path candidate : CANDIDATES)
        {
            if (Files.isExecutable(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    private static int run(final List<String> command)
    {
        try
        {
            final Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES))
            {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        }
        catch (final IOException ex)
        {
            return -1;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
