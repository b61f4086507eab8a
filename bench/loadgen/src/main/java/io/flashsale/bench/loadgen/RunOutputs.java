package io.flashsale.bench.loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a finished run (or a merge of parts) leaves behind: the thresholds' verdicts, the text report on the console,
 * the HTML report, the JSON summary and a part's ledger. Shared by {@code loadgen}, {@code demo} and
 * {@code loadgen merge}.
 */
final class RunOutputs
{
    private RunOutputs()
    {
    }

    /**
     * @param thresholds the thresholds.
     * @param run        a finished run.
     * @return their verdicts, in order.
     */
    static List<Threshold.Verdict> evaluate(final List<Threshold> thresholds, final RunResult run)
    {
        final List<Threshold.Verdict> verdicts = new ArrayList<>();
        for (final Threshold t : thresholds)
        {
            verdicts.add(t.evaluate(run));
        }
        return verdicts;
    }

    /**
     * Print the text report and write the HTML report, the summary and (for a part) the ledger.
     *
     * @param result  a finished (or merged) run.
     * @param dir     the report directory (the {@code .hlog} is already there).
     * @param stem    file name stem.
     * @param summary where the JSON summary goes, or null for none (a part always writes one).
     * @param out     where to print.
     * @throws IOException if a file cannot be written.
     */
    static void write(final RunResult result, final Path dir, final String stem, final Path summary,
        final PrintStream out) throws IOException
    {
        out.print(TextReport.render(result));
        Files.createDirectories(dir);
        final Path html = dir.resolve(stem + ".html");
        HtmlReport.write(result, html);
        out.println("report: " + html.toAbsolutePath());
        out.println("interval log: " + result.hlog().toAbsolutePath() +
            " (HdrHistogram log, nanoseconds; tags: buy, resubmit, pay, cancel, browse)");
        final Path ledger = result.plan().part().isPartial() ? dir.resolve(stem + ".ledger.json") : null;
        if (ledger != null)
        {
            LedgerFile.write(result.auditInput(), ledger);
            out.println("ledger: " + ledger.toAbsolutePath());
        }
        final Path json = summary != null ? summary :
            result.plan().part().isPartial() ? dir.resolve(stem + ".summary.json") : null;
        if (json != null)
        {
            final Path base = json.toAbsolutePath().getParent();
            final Map<String, String> files = new LinkedHashMap<>();
            files.put("hlog", base.relativize(result.hlog().toAbsolutePath()).toString());
            files.put("html", base.relativize(html.toAbsolutePath()).toString());
            if (ledger != null)
            {
                files.put("ledger", base.relativize(ledger.toAbsolutePath()).toString());
            }
            if (base != null)
            {
                Files.createDirectories(base);
            }
            SummaryJson.write(result, stem, files, json);
            out.println("summary: " + json.toAbsolutePath());
        }
    }
}
