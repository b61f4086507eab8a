package io.flashsale.gateway.ops;

import static io.flashsale.gateway.support.TestNode.buy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.gateway.server.GatewayServer;
import io.flashsale.gateway.support.HttpTestClient;
import io.flashsale.gateway.support.TestNode;

/**
 * Loads the dashboard in headless Chromium (Debian's {@code chromium}, installed here if missing and we are root) and
 * checks that its script fetched live data and drew it. Skips only when Chromium cannot be installed, and never on CI.
 */
class DashboardChromiumTest
{
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dataDir;

    @TempDir
    Path profile;

    @BeforeAll
    static void installChromium() throws Exception
    {
        if (!Files.isExecutable(CHROMIUM) && "root".equals(System.getProperty("user.name")))
        {
            if (run(List.of("apt-get", "install", "-y", "-q", "chromium")) != 0)
            {
                run(List.of("apt-get", "update", "-q"));
                run(List.of("apt-get", "install", "-y", "-q", "chromium"));
            }
        }
        if (!Files.isExecutable(CHROMIUM))
        {
            if ("true".equalsIgnoreCase(System.getenv("CI")))
            {
                fail("chromium is required on CI and could not be installed");
            }
            Assumptions.assumeTrue(false, "chromium is not installed and cannot be installed here");
        }
    }

    private static int run(final List<String> command) throws IOException, InterruptedException
    {
        final Process p = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(10, TimeUnit.MINUTES))
        {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    @Test
    void shouldDrawLiveLatencyAndThroughputInHeadlessChromium() throws Exception
    {
        try (GatewayServer server = TestNode.start(dataDir);
            HttpTestClient client = new HttpTestClient(server.port()))
        {
            for (int i = 0; i < 10; i++)
            {
                assertEquals(201, client.exchange("POST", "/v1/orders", buy(102, 500 + i, 1, "d" + i)).status());
            }
            OpsEndpointsTest.awaitSampledRequests(server);
            final Process chromium = new ProcessBuilder(
                CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--dump-dom",
                "http://127.0.0.1:" + server.port() + "/dashboard")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
            final byte[] out = chromium.getInputStream().readAllBytes();
            assertTrue(chromium.waitFor(2, TimeUnit.MINUTES), "chromium did not finish");
            final String dom = new String(out, StandardCharsets.UTF_8);
            assertTrue(dom.contains("<span id=\"status\">live</span>"), dom);
            final Matcher points = Pattern.compile("<span id=\"points\">(\\d+)</span>").matcher(dom);
            assertTrue(points.find(), dom);
            assertTrue(Integer.parseInt(points.group(1)) >= 1, "points drawn: " + points.group(1));
            final Matcher p99 = Pattern.compile("<span id=\"p99\">([0-9.]+)</span>").matcher(dom);
            assertTrue(p99.find(), "latest p99 written from live data: " + dom);
            final Matcher curve = Pattern.compile("data-curve-points=\"(\\d+)\"").matcher(dom);
            assertTrue(curve.find() && Integer.parseInt(curve.group(1)) > 5, "percentile curve drawn");
        }
    }
}
