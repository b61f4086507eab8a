package io.flashsale.bench.loadgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A self-contained HTML report of a run: the text report, the latency percentile curves per phase (drawn on a
 * 1/(1-p) axis like HdrHistogram's plotter) and throughput and p99 over the sale day. The data is embedded as JSON
 * and drawn into SVG by an inline script: no external resources, opens offline.
 */
public final class HtmlReport
{
    private static final String SCRIPT = String.join("\n",
        "(function () {",
        "  const data = JSON.parse(document.getElementById('run-data').textContent);",
        "  const NS = 'http://www.w3.org/2000/svg';",
        "  const colours = ['#1f77b4','#d62728','#2ca02c','#ff7f0e','#9467bd','#111111','#8c564b','#e377c2','#17becf',",
        "    '#bcbd22','#7f7f7f'];",
        "  let drawn = 0;",
        "  function el(parent, name, attrs, text) {",
        "    const e = document.createElementNS(NS, name);",
        "    for (const k in attrs) { e.setAttribute(k, attrs[k]); }",
        "    if (text !== undefined) { e.textContent = text; }",
        "    parent.appendChild(e); return e;",
        "  }",
        "  function niceStep(range, count) {",
        "    const raw = range / count, mag = Math.pow(10, Math.floor(Math.log10(raw))), f = raw / mag;",
        "    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;",
        "  }",
        "  function label(v, step) {",
        "    const decimals = Math.max(0, Math.ceil(-Math.log10(step) - 1e-9) + (Math.round(step / Math.pow(10,",
        "      Math.floor(Math.log10(step))) * 10) === 25 ? 1 : 0));",
        "    return v.toFixed(decimals).replace(/\\B(?=(\\d{3})+(?!\\d))/g, decimals ? '' : ',');",
        "  }",
        "  function chart(id, series, xTicks, yLabel, xLabel) {",
        "    const svg = document.getElementById(id);",
        "    const W = 920, H = 380, L = 80, R = 20, T = 20, B = 50;",
        "    let xMin = Infinity, xMax = -Infinity, yTop = 0;",
        "    series.forEach(s => s.points.forEach(p => {",
        "      xMin = Math.min(xMin, p[0]); xMax = Math.max(xMax, p[0]); yTop = Math.max(yTop, p[1]); }));",
        "    if (!isFinite(xMin)) { el(svg, 'text', {x: L, y: T + 20}, 'no data'); return; }",
        "    if (xMax === xMin) { xMax = xMin + 1; }",
        "    const step = niceStep(yTop > 0 ? yTop : 1, 5);",
        "    const yMax = Math.max(step, Math.ceil(yTop / step - 1e-9) * step);",
        "    const sx = x => L + (x - xMin) / (xMax - xMin) * (W - L - R);",
        "    const sy = y => H - B - y / yMax * (H - T - B);",
        "    el(svg, 'rect', {x: L, y: T, width: W - L - R, height: H - T - B, fill: '#fafafa', stroke: '#999'});",
        "    for (let i = 0; i * step <= yMax + step * 1e-9; i++) {",
        "      const v = i * step, y = sy(v);",
        "      el(svg, 'line', {x1: L, x2: W - R, y1: y, y2: y, stroke: '#e0e0e0'});",
        "      el(svg, 'text', {x: L - 6, y: y + 4, 'text-anchor': 'end', 'font-size': 11, class: 'ytick'},",
        "        label(v, step));",
        "    }",
        "    xTicks.forEach(t => {",
        "      if (t[0] < xMin || t[0] > xMax) { return; }",
        "      const x = sx(t[0]);",
        "      el(svg, 'line', {x1: x, x2: x, y1: T, y2: H - B, stroke: '#e0e0e0'});",
        "      el(svg, 'text', {x: x, y: H - B + 16, 'text-anchor': 'middle', 'font-size': 11, class: 'xtick'}, t[1]);",
        "    });",
        "    el(svg, 'text', {x: 14, y: T + (H - T - B) / 2, 'font-size': 12,",
        "      transform: 'rotate(-90 14 ' + (T + (H - T - B) / 2) + ')', 'text-anchor': 'middle'}, yLabel);",
        "    el(svg, 'text', {x: L + (W - L - R) / 2, y: H - 8, 'text-anchor': 'middle', 'font-size': 12}, xLabel);",
        "    series.forEach((s, i) => {",
        "      if (s.points.length === 0) { return; }",
        "      const d = s.points.map((p, j) => (j ? 'L' : 'M') + sx(p[0]).toFixed(1) + ',' + sy(p[1]).toFixed(1));",
        "      const attrs = {d: d.join(' '), fill: 'none', stroke: colours[i % colours.length], 'stroke-width': 2,",
        "        class: 'curve', 'data-series': s.name};",
        "      if (s.total !== undefined) { attrs['data-total'] = String(s.total); }",
        "      if (s.last !== undefined) { attrs['data-last'] = String(s.last); }",
        "      el(svg, 'path', attrs);",
        "      el(svg, 'text', {x: L + 10 + 200 * Math.floor(i / 8), y: T + 16 + 15 * (i % 8), 'font-size': 12,",
        "        fill: colours[i % colours.length]}, s.name);",
        "      drawn++;",
        "    });",
        "  }",
        "  const pct = p => Math.log10(1 / Math.max(1e-7, 1 - Math.min(p, 99.99999) / 100));",
        "  const pctTicks = [[0, '0%'], [1, '90%'], [2, '99%'], [3, '99.9%'], [4, '99.99%'], [5, '99.999%'],",
        "    [6, '99.9999%']];",
        "  chart('latency-chart', data.curves.map(c => ({name: c.name,",
        "    points: c.points.map(p => [pct(p[0]), p[1] / 1e6])})), pctTicks, 'latency (ms)', 'percentile');",
        "  const hourTicks = [];",
        "  for (let h = -1; h <= 24; h += 3) { const d = ((h % 24) + 24) % 24;",
        "    hourTicks.push([h, (d < 10 ? '0' : '') + d + ':00']); }",
        "  const clock = 'sale clock (11 Nov)';",
        "  const mid = s => s.saleHour - s.intervalSeconds / 2 * data.saleHoursPerSecond;",
        "  chart('throughput-chart', [",
        "    {name: 'offered (arrivals/s)', points: data.samples.map(s => [mid(s), s.offered])},",
        "    {name: 'achieved (answers/s)', points: data.samples.map(s => [mid(s), s.achieved])}],",
        "    hourTicks, 'requests per second', clock);",
        "  const perSecond = (s, key) => (s.outcomes[key] || 0) / Math.max(1e-9, s.intervalSeconds);",
        "  const outcomeNames = [];",
        "  data.samples.forEach(s => Object.keys(s.outcomes).forEach(k => {",
        "    if (outcomeNames.indexOf(k) < 0) { outcomeNames.push(k); } }));",
        "  chart('outcomes-chart', outcomeNames.map(k => ({name: k,",
        "    total: data.samples.reduce((a, s) => a + (s.outcomes[k] || 0), 0),",
        "    points: data.samples.map(s => [mid(s), perSecond(s, k)])})), hourTicks, 'answers per second', clock);",
        "  chart('orders-chart', [",
        "    {name: 'orders reserved per second',",
        "      total: data.samples.reduce((a, s) => a + (s.outcomes.RESERVED || 0), 0),",
        "      points: data.samples.map(s => [mid(s), perSecond(s, 'RESERVED')])},",
        "    {name: 'orders paid per second', total: data.samples.reduce((a, s) => a + (s.outcomes.PAID || 0), 0),",
        "      points: data.samples.map(s => [mid(s), perSecond(s, 'PAID')])}],",
        "    hourTicks, 'orders per second', clock);",
        "  chart('soldout-chart', [{name: 'SKUs sold out (of ' + data.skus + ')',",
        "    last: data.samples.length ? data.samples[data.samples.length - 1].soldOut : 0,",
        "    points: data.samples.map(s => [mid(s), s.soldOut])}], hourTicks, 'SKUs sold out', clock);",
        "  chart('p99-chart', [",
        "    {name: 'p99 of each second (ms)', points: data.samples.map(s => [mid(s), s.p99Micros / 1000])},",
        "    {name: 'max of each second (ms)', points: data.samples.map(s => [mid(s), s.maxMicros / 1000])}],",
        "    hourTicks, 'latency (ms)', clock);",
        "  document.body.setAttribute('data-rendered', String(drawn));",
        "})();");

    private HtmlReport()
    {
    }

    /**
     * @param result a finished run.
     * @param file   where to write the HTML.
     * @throws IOException if it cannot be written.
     */
    public static void write(final RunResult result, final Path file) throws IOException
    {
        Files.writeString(file, render(result), StandardCharsets.UTF_8);
    }

    /**
     * @param result a finished run.
     * @return the HTML document.
     */
    public static String render(final RunResult result)
    {
        final String json = dataJson(result).replace("</", "<\\/");
        final boolean passed = result.passed();
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n" +
            "<title>flashsale loadgen report</title>\n<style>\n" +
            "body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:980px}" +
            "pre{background:#f4f4f4;padding:12px;overflow-x:auto;font-size:12px}" +
            "svg{display:block;margin:8px 0 24px 0}.ok{color:#2a7a2a}.fail{color:#b00020}\n" +
            "</style></head>\n<body>\n<h1 id=\"heading\">Singles' Day load test: " +
            escape(TextReport.heading(result)) + "</h1>\n" +
            "<p>" + escape(result.plan().schedule().describe()) + ". Latency is measured from each " +
            "request's <em>intended</em> send time on the open-loop schedule (no coordinated omission). Audit: " +
            (result.audit() == null ? "skipped" :
            "<strong class=\"" + (passed ? "ok\">PASSED" : "fail\">FAILED") + "</strong>") + ".</p>\n" +
            "<h2>Latency percentiles by phase of the day</h2>\n" +
            "<svg id=\"latency-chart\" width=\"920\" height=\"380\" xmlns=\"http://www.w3.org/2000/svg\"></svg>\n" +
            "<h2>Throughput over the sale day</h2>\n" + svg("throughput-chart") +
            "<h2>Answers by outcome over the sale day</h2>\n" + svg("outcomes-chart") +
            "<h2>Orders per second</h2>\n" + svg("orders-chart") +
            "<h2>SKUs sold out</h2>\n" + svg("soldout-chart") +
            "<h2>p99 and max latency over the sale day</h2>\n" +
            "<svg id=\"p99-chart\" width=\"920\" height=\"380\" xmlns=\"http://www.w3.org/2000/svg\"></svg>\n" +
            "<h2>Report</h2>\n<pre>" + escape(TextReport.render(result)) + "</pre>\n" +
            "<script type=\"application/json\" id=\"run-data\">" + json + "</script>\n" +
            "<script>\n" + SCRIPT + "\n</script>\n</body></html>\n";
    }

    static String dataJson(final RunResult result)
    {
        final List<Map<String, Object>> curves = new ArrayList<>();
        curves.add(curve("whole day", result.phaseHistogram(null)));
        for (final SalePhase phase : SalePhase.values())
        {
            final Histogram h = result.phaseHistogram(phase);
            if (h.getTotalCount() > 0)
            {
                curves.add(curve(phase.label(), h));
            }
        }
        final Map<String, Object> data = new LinkedHashMap<>();
        data.put("curves", curves);
        data.put("samples", result.samples());
        data.put("skus", result.skuCount());
        final RateSchedule schedule = result.plan().schedule();
        data.put("saleHoursPerSecond", (schedule.profile().endHour() - schedule.profile().startHour()) /
            (schedule.durationNanos() / 1e9));
        try
        {
            return new ObjectMapper().writeValueAsString(data);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static Map<String, Object> curve(final String name, final Histogram h)
    {
        final List<double[]> points = new ArrayList<>();
        if (h.getTotalCount() > 0)
        {
            for (final HistogramIterationValue v : h.percentiles(5))
            {
                points.add(new double[]{v.getPercentileLevelIteratedTo(), h.highestEquivalentValue(
                    v.getValueIteratedTo())});
            }
        }
        final Map<String, Object> curve = new LinkedHashMap<>();
        curve.put("name", name);
        curve.put("points", points);
        return curve;
    }

    private static String svg(final String id)
    {
        return "<svg id=\"" + id + "\" width=\"920\" height=\"380\" xmlns=\"http://www.w3.org/2000/svg\"></svg>\n";
    }

    static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
