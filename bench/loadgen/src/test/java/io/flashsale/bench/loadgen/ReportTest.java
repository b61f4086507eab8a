package io.flashsale.bench.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.client.Outcome;
import io.flashsale.process.ExitCodes;
import io.flashsale.testsupport.Chromium;

class ReportTest
{
    private static final long SECOND = 1_000_000_000L;

    /**
     * A run as a generator would report it: 10,000 RESERVED and 2,500 SOLD_OUT buys per phase (latency 0.1-1.1 ms,
     * ten slow ones), samples whose outcome counts add up to those histograms, SKUs selling out one by one.
     */
    static RunResult syntheticRun()
    {
        final RateSchedule schedule = RateSchedule.peak(SaleProfile.builtIn(20, 3, 0.15), 5_000, 25 * SECOND);
        final LoadPlan plan = new LoadPlan(URI.create("http://127.0.0.1:8080"), schedule, 8, 1, 1, "nio", 1000, 1.1,
            0.02, 0.5, 3, 20_000_000L, 0.05, 10_000_000L, 0.6, 0.1, 300_000_000L, 1_000_000_000L, 200_000L, 1, "t");
        final Histogram[][][] latency =
            new Histogram[RequestKind.values().length][SalePhase.values().length][Outcome.count()];
        for (final SalePhase phase : SalePhase.values())
        {
            final Histogram h = LiveStats.histogram();
            for (int i = 1; i <= 10_000; i++)
            {
                h.recordValue(100_000 + i * 100L + (phase.ordinal() + 1) * (i % 1000 == 0 ? 5_000_000L : 0));
            }
            latency[RequestKind.BUY.ordinal()][phase.ordinal()][Outcome.RESERVED.ordinal()] = h;
            final Histogram soldOut = LiveStats.histogram();
            soldOut.recordValueWithCount(80_000, 2_500);
            latency[RequestKind.BUY.ordinal()][phase.ordinal()][Outcome.SOLD_OUT.ordinal()] = soldOut;
        }
        final List<SecondSample> samples = new ArrayList<>();
        for (int s = 1; s <= 25; s++)
        {
            final Map<String, Long> outcomes = new LinkedHashMap<>();
            outcomes.put("RESERVED", 2_000L);
            outcomes.put("SOLD_OUT", 500L);
            final List<Long> soldOut = new ArrayList<>();
            for (long sku = 0; sku < s / 5; sku++)
            {
                soldOut.add(1000 + sku);
            }
            samples.add(new SecondSample(s - 1, s, 1.0, schedule.saleHour(s * SECOND), schedule.rateAt(s * SECOND),
                schedule.rateAt(s * SECOND) * 0.98, 150, 900 + s, 3000, 0, soldOut.size(), outcomes, soldOut));
        }
        final SaleAudit.Result audit = new SaleAudit.Result(
            List.of(new SaleAudit.Check("no SKU oversold", true, "none <oversold> & fine")), List.of());
        return new RunResult(plan, "nio", 12, 25.3, 1_795_000_000_000L, latency, LiveStats.histogram(),
            new long[]{10, 20, 30, 40, 50}, 200, 3, 0, 0, 0, 5, 0, 100, new long[]{30, 50, 10, 5, 5}, samples, audit,
            Path.of("x.hlog"), 1, List.of(), null);
    }

    @Test
    void shouldPrintPercentilesPerPhaseAndKindTheThresholdsAndTheAuditVerdict()
    {
        final RunResult run = syntheticRun();
        final RunResult r = run.withThresholds(List.of(Threshold.parse("buy:p99<10ms").evaluate(run),
            Threshold.parse("spike:max<1ms").evaluate(run)));
        final String text = TextReport.render(r);
        for (final SalePhase phase : SalePhase.values())
        {
            assertTrue(text.contains(phase.label()), phase.label());
        }
        assertTrue(text.contains("p99.9"));
        assertTrue(text.contains("audit: PASSED"));
        assertTrue(text.contains("RESERVED"));
        assertTrue(text.contains("thresholds: FAILED"), text);
        assertTrue(text.contains("[ ok ] buy:p99<10ms"), text);
        assertTrue(text.contains("[FAIL] spike:max<1ms"), text);
        assertTrue(text.contains("peak 5,000 arrivals/s -> http://127.0.0.1:8080, 2026-11-18 11:06:40 UTC"), text);
        assertEquals(ExitCodes.THRESHOLD_FAILED, r.exitCode());
    }

    @Test
    void shouldRenderChartsInHeadlessChromium(@TempDir final Path dir) throws Exception
    {
        final String html = HtmlReport.render(syntheticRun());
        assertFalse(html.contains("http://cdn") || html.contains("<script src"), "self-contained");
        assertTrue(html.contains("&lt;oversold&gt; &amp; fine"), "escaped");
        final String dom = assertDrawnAsCounted(syntheticRun(), dir);
        final Matcher rendered = Pattern.compile("data-rendered=\"(\\d+)\"").matcher(dom);
        assertTrue(rendered.find(), "the script ran");
        assertTrue(Integer.parseInt(rendered.group(1)) >= 14,
            "6 percentile curves + 2 throughput + 2 outcomes + 2 orders + 1 sold out + 2 p99 lines");
        assertTrue(dom.contains("data-series=\"whole day\""), "percentile curve drawn");
        assertTrue(dom.contains("data-series=\"offered (arrivals/s)\""), "throughput drawn");
        assertTrue(Pattern.compile("<path d=\"M[0-9.]+,[0-9.]+ L").matcher(dom).find(), "paths have points");
    }

    /**
     * Render the run's HTML report in headless Chromium and check what its script drew against the run's own counts:
     * every outcome's series adds up to that outcome's answers, the orders series to the RESERVED and PAID answers,
     * the sold-out line ends at the last sample's count, every axis has evenly spaced 1-2-2.5-5 ticks, and the
     * heading names the rate, the target and the date.
     *
     * @return the DOM.
     */
    static String assertDrawnAsCounted(final RunResult r, final Path dir) throws Exception
    {
        final Path page = dir.resolve("drawn.html");
        HtmlReport.write(r, page);
        final Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
        final String dom = Chromium.dumpDom(page.toUri().toString(), profile);
        final String outcomes = chartOf(dom, "outcomes-chart");
        int outcomeSeries = 0;
        for (int o = 0; o < Outcome.count(); o++)
        {
            final long count = r.outcomeHistogram(Outcome.byOrdinal(o)).getTotalCount();
            if (count > 0)
            {
                assertEquals(count, total(outcomes, Outcome.byOrdinal(o).name()), Outcome.byOrdinal(o).name());
                outcomeSeries++;
            }
        }
        assertTrue(outcomeSeries > 0);
        final String orders = chartOf(dom, "orders-chart");
        assertEquals(r.outcomeHistogram(Outcome.RESERVED).getTotalCount(),
            total(orders, "orders reserved per second"));
        assertEquals(r.outcomeHistogram(Outcome.PAID).getTotalCount(), total(orders, "orders paid per second"));
        final Matcher last = Pattern.compile("data-series=\"SKUs sold out \\(of " + r.skuCount() +
            "\\)\" data-last=\"(\\d+)\"").matcher(chartOf(dom, "soldout-chart"));
        assertTrue(last.find(), chartOf(dom, "soldout-chart"));
        assertEquals(r.samples().get(r.samples().size() - 1).soldOut(), Integer.parseInt(last.group(1)));
        for (final String chart : List.of("latency-chart", "throughput-chart", "outcomes-chart", "orders-chart",
            "soldout-chart", "p99-chart"))
        {
            assertNiceTicks(chart, chartOf(dom, chart));
        }
        final Matcher heading = Pattern.compile("<h1 id=\"heading\">([^<]*)</h1>").matcher(dom);
        assertTrue(heading.find());
        assertEquals("Singles' Day load test: " + TextReport.heading(r).replace(">", "&gt;"), heading.group(1));
        assertTrue(heading.group(1).contains(r.plan().target().toString()));
        assertTrue(heading.group(1).matches(".*\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC.*"), heading.group(1));
        assertTrue(heading.group(1).contains(String.format(java.util.Locale.ROOT, "%,.0f arrivals/s",
            r.plan().schedule().busiestSecondRate())), heading.group(1));
        return dom;
    }

    private static String chartOf(final String dom, final String id)
    {
        final int start = dom.indexOf("<svg id=\"" + id + "\"");
        assertTrue(start >= 0, id);
        return dom.substring(start, dom.indexOf("</svg>", start));
    }

    private static long total(final String chart, final String series)
    {
        final Matcher m = Pattern.compile("data-series=\"" + Pattern.quote(series) + "\" data-total=\"(\\d+)\"")
            .matcher(chart);
        assertTrue(m.find(), series + " drawn in " + chart);
        return Long.parseLong(m.group(1));
    }

    private static void assertNiceTicks(final String id, final String chart)
    {
        final Matcher m = Pattern.compile("class=\"ytick\">([^<]+)<").matcher(chart);
        final List<BigDecimal> ticks = new ArrayList<>();
        while (m.find())
        {
            ticks.add(new BigDecimal(m.group(1).replace(",", "")));
        }
        assertTrue(ticks.size() >= 2, id + ": " + ticks);
        final BigDecimal step = ticks.get(1).subtract(ticks.get(0));
        for (int i = 0; i < ticks.size(); i++)
        {
            assertEquals(0, ticks.get(i).compareTo(step.multiply(BigDecimal.valueOf(i))), id + " ticks " + ticks);
        }
        final BigDecimal mantissa = step.movePointLeft(step.precision() - step.scale() - 1).stripTrailingZeros();
        assertTrue(List.of("1", "2", "2.5", "5").contains(mantissa.toPlainString()), id + ": step " + step);
    }
}
