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
import io.flashsale.engine.state.CatalogView;
import io.flashsale.gateway.codec.ApiCode;
import io.flashsale.gateway.server.GatewayServer;
import io.flashsale.gateway.support.TestNode;
import io.flashsale.testsupport.Chromium;

/**
 * Loads the sale board in headless Chromium ({@link Chromium}: Debian's {@code chromium}, installed if missing and we
 * are root) and checks the figures its script drew against the node's own counters and catalogue: orders, GMV, the
 * sold-out list, the hottest SKUs with their stock, the status, and that every chart was drawn with points. A tagged
 * warm-up is sent too and must not show. Skips only when Chromium cannot be installed, and never on CI.
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
    void shouldDrawTheNodesOwnFiguresOnTheSaleBoard() throws Exception
    {
        try (GatewayServer server = TestNode.start(dataDir);
            HttpConnection client = new HttpConnection(server.port()))
        {
            for (int i = 0; i < 3; i++)
            {
                assertEquals(201, client.exchange("POST", "/v1/orders", buy(103, 500 + i, 1, "r" + i)).status());
            }
            assertEquals(409, client.exchange("POST", "/v1/orders", buy(103, 510, 1, "late")).status());
            assertEquals(201, client.exchange("POST", "/v1/orders", buy(102, 520, 2, "t")).status());
            for (int i = 0; i < 5; i++)
            {
                assertEquals(404, client.exchange("POST", "/v1/orders", buy(999, 600 + i, 1, "warm" + i),
                    OpsEndpointsTest.WARMUP).status());
            }
            OpsEndpointsTest.awaitSampledRequests(server);

            final String dom = Chromium.dumpDom("http://127.0.0.1:" + server.port() + "/dashboard", profile);

            assertEquals("ACKNOWLEDGING", text(dom, "status"), dom);
            assertTrue(dom.contains("id=\"status\" class=\"ok\""), "status drawn green");
            assertEquals(server.metrics().responses(TrafficClass.BUYER, ApiCode.RESERVED), value(dom, "orders"),
                "orders on the board are the node's buyer RESERVED responses");
            assertEquals(4, value(dom, "orders"));
            final CatalogView catalog = server.engine().catalogView();
            long gmvReserved = 0;
            long soldOut = 0;
            for (int k = 0; k < catalog.skuCount(); k++)
            {
                gmvReserved += catalog.skuHeld(k) * catalog.skuPrice(k);
                soldOut += catalog.skuAvailable(k) == 0 ? 1 : 0;
            }
            assertEquals(gmvReserved, value(dom, "gmvReserved"), "GMV reserved, minor units, from the catalogue");
            assertEquals(0, value(dom, "gmvPaid"));
            assertEquals(soldOut, value(dom, "soldOutCount"));
            assertEquals(1, soldOut);
            assertTrue(text(dom, "gmvReserved").matches(".*[0-9].*"), "GMV formatted: " + text(dom, "gmvReserved"));

            final Matcher soldOutRow = Pattern.compile("<tr data-sku=\"103\"><td>[^<]+</td><td>Razor</td>" +
                "<td>Test Store</td></tr>").matcher(dom);
            assertTrue(soldOutRow.find(), "the sold-out list names SKU 103 and its store: " + dom);
            final Matcher hot = Pattern.compile(
                "<tbody id=\"hot\"><tr data-sku=\"(\\d+)\" data-available=\"(-?\\d+)\">").matcher(dom);
            assertTrue(hot.find(), dom);
            assertEquals("103", hot.group(1), "the hottest SKU first");
            assertEquals("0", hot.group(2));
            final Matcher toothbrush = Pattern.compile("<tr data-sku=\"102\" data-available=\"(\\d+)\">").matcher(dom);
            assertTrue(toothbrush.find(), dom);
            int toothbrushIndex = 0;
            while (catalog.skuId(toothbrushIndex) != 102)
            {
                toothbrushIndex++;
            }
            assertEquals(catalog.skuAvailable(toothbrushIndex), Long.parseLong(toothbrush.group(1)));

            for (final String chart : new String[] {"gmvChart", "rateChart", "outcomeChart", "latencyChart"})
            {
                final Matcher points = Pattern.compile("id=\"" + chart + "\" data-points=\"(\\d+)\"").matcher(dom);
                assertTrue(points.find(), chart + " drawn: " + dom);
                assertTrue(Integer.parseInt(points.group(1)) >= 1, chart + " points: " + points.group(1));
            }
            assertTrue(countOf(dom, "<canvas") >= 4, "uPlot drew its canvases");
            assertTrue(value(dom, "p99") >= 0);
        }
    }

    private static long countOf(final String text, final String what)
    {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    private static String text(final String dom, final String id)
    {
        final Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(dom);
        assertTrue(m.find(), id + " in " + dom);
        return m.group(1);
    }

    private static long value(final String dom, final String id)
    {
        final Matcher m = Pattern.compile("id=\"" + id + "\" data-value=\"([-0-9.]+)\"").matcher(dom);
        assertTrue(m.find(), id + " drawn with a value: " + dom);
        return Math.round(Double.parseDouble(m.group(1)));
    }
}
