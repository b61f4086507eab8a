package io.flashsale.gateway.ops;

import static io.flashsale.gateway.support.TestNode.buy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.client.HttpConnection;
import io.flashsale.gateway.server.GatewayServer;
import io.flashsale.gateway.support.TestNode;
import io.flashsale.testsupport.Chromium;

/**
 * Loads the dashboard in headless Chromium ({@link Chromium}: Debian's {@code chromium}, installed if missing and we
 * are root) and checks that its script fetched live data and drew it. Skips only when Chromium cannot be installed,
 * and never on CI.
 */
class DashboardChromiumTest
{
    @TempDir
    Path dataDir;

    @TempDir
    Path profile;

    @BeforeAll
    static void installChromium()
    {
        Chromium.require();
    }

    @Test
    void shouldDrawLiveLatencyAndThroughputInHeadlessChromium() throws Exception
    {
        try (GatewayServer server = TestNode.start(dataDir);
            HttpConnection client = new HttpConnection(server.port()))
        {
            for (int i = 0; i < 10; i++)
            {
                assertEquals(201, client.exchange("POST", "/v1/orders", buy(102, 500 + i, 1, "d" + i)).status());
            }
            OpsEndpointsTest.awaitSampledRequests(server);
            final String dom = Chromium.dumpDom("http://127.0.0.1:" + server.port() + "/dashboard", profile);
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
