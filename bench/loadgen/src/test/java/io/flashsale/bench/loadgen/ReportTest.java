package io.flashsale.bench.loadgen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.client.Outcome;
import io.flashsale.testsupport.Chromium;

class ReportTest
{
    static RunResult syntheticRun()
    {
        final RateSchedule schedule = new RateSchedule(SaleProfile.builtIn(20, 3, 0.15), 5_000, 25_000_000_000L);
        final LoadPlan plan = new LoadPlan(URI.create("http://127.0.0.1:8080"), schedule, 8, 1, 1, "nio", 1000, 1.1,
            0.02, 0.5, 3, 20_000_000L, 0.05, 10_000_000L, 0.6, 0.1, 300_000_000L, 1_000_000_000L, 200_000L, 1, "t");
        final Histogram[][] latency = new Histogram[SalePhase.values().length][Outcome.count()];
        for (final SalePhase phase : SalePhase.values())
        {
            final Histogram h = new Histogram(LiveStats.HIGHEST_MICROS, LiveStats.DIGITS);
            for (int i = 1; i <= 10_000; i++)
            {
                h.recordValue(100 + i / 10 + (phase.ordinal() + 1) * (i % 1000 == 0 ? 5000 : 0));
            }
            latency[phase.ordinal()][Outcome.RESERVED.ordinal()] = h;
        }
        final List<SecondSample> samples = new ArrayList<>();
        for (int s = 1; s <= 25; s++)
        {
            samples.add(new SecondSample(s, schedule.saleHour(s * 1_000_000_000L),
                schedule.rateAt(s * 1_000_000_000L), schedule.rateAt(s * 1_000_000_000L) * 0.98, 150, 900 + s,
                3000, 0, s / 5));
        }
        final SaleAudit.Result audit = new SaleAudit.Result(
            List.of(new SaleAudit.Check("no SKU oversold", true, "none <oversold> & fine")), List.of());
        return new RunResult(plan, "nio", 12, 25.3, latency, new Histogram(LiveStats.HIGHEST_MICROS, 3),
            new long[]{10, 20, 30, 40, 50}, 200, 3, 0, 0, 0, 5, 0, 100, new long[]{30, 50, 10, 5, 5}, samples, audit,
            Path.of("x.hlog"));
    }

    @Test
    void shouldPrintPercentilesPerPhaseAndTheAuditVerdict()
    {
        final String text = TextReport.render(syntheticRun());
        for (final SalePhase phase : SalePhase.values())
        {
            assertTrue(text.contains(phase.label()), phase.label());
        }
        assertTrue(text.contains("p99.9"));
        assertTrue(text.contains("audit: PASSED"));
        assertTrue(text.contains("RESERVED"));
    }

    @Test
    void shouldRenderChartsInHeadlessChromium(@TempDir final Path dir) throws Exception
    {
        final String html = HtmlReport.render(syntheticRun());
        assertFalse(html.contains("http://cdn") || html.contains("<script src"), "self-contained");
        assertTrue(html.contains("&lt;oversold&gt; &amp; fine"), "escaped");
        final Path page = dir.resolve("report.html");
        Files.writeString(page, html);
        final Path profile = Files.createDirectories(dir.resolve("profile"));
        final String dom = Chromium.dumpDom(page.toUri().toString(), profile);
        final Matcher rendered = Pattern.compile("data-rendered=\"(\\d+)\"").matcher(dom);
        assertTrue(rendered.find(), "the script ran");
        assertTrue(Integer.parseInt(rendered.group(1)) >= 9, "6 percentile curves + 2 throughput + 2 p99 lines");
        assertTrue(dom.contains("data-series=\"whole day\""), "percentile curve drawn");
        assertTrue(dom.contains("data-series=\"offered (arrivals/s)\""), "throughput drawn");
        assertTrue(Pattern.compile("<path d=\"M[0-9.]+,[0-9.]+ L").matcher(dom).find(), "paths have points");
    }
}
