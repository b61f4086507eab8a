package io.flashsale.bench.loadgen.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium for report tests: installs the Debian package when missing (the test box runs as root), then
 * loads a local file and returns the DOM after scripts ran.
 */
public final class Chromium
{
    private Chromium()
    {
    }

    /**
     * @return the chromium binary, installing it with apt-get if needed; null if it cannot be had.
     */
    public static Path binary()
    {
        for (final String candidate : new String[]{"/usr/bin/chromium", "/usr/bin/chromium-browser"})
        {
            if (Files.isExecutable(Path.of(candidate)))
            {
                return Path.of(candidate);
            }
        }
        if (run(List.of("apt-get", "install", "-y", "chromium"), 600) != 0)
        {
            run(List.of("apt-get", "update"), 300);
            run(List.of("apt-get", "install", "-y", "chromium"), 600);
        }
        return Files.isExecutable(Path.of("/usr/bin/chromium")) ? Path.of("/usr/bin/chromium") : null;
    }

    /**
     * @param chromium the binary.
     * @param page     an HTML file.
     * @param profile  an empty directory for the browser profile.
     * @return the serialized DOM after the page's scripts ran.
     * @throws IOException if chromium fails.
     */
    public static String dumpDom(final Path chromium, final Path page, final Path profile) throws IOException
    {
        final List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
            "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
            "--virtual-time-budget=5000", "--dump-dom", page.toUri().toString()));
        final Path out = profile.resolve("dom.html");
        final Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try
        {
            if (!p.waitFor(90, TimeUnit.SECONDS))
            {
                p.destroyForcibly();
                throw new IOException("chromium did not finish");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException(ex);
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static int run(final List<String> cmd, final int timeoutSeconds)
    {
        try
        {
            final Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS))
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
