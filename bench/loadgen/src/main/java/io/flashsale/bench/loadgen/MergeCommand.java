package io.flashsale.bench.loadgen;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

import io.flashsale.client.GatewayClient;
import io.flashsale.client.Outcome;
import io.flashsale.client.SkuState;
import io.flashsale.process.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flashsale loadgen merge DIR...}: several generators' parts of one schedule as one run. Adds their
 * histograms (never averages percentiles), counters and per-second samples, merges their interval logs interval by
 * interval, and audits all their ledgers together against the node (after settling the orders left open), then writes
 * one text, HTML and JSON report and one {@code .hlog}.
 */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Combine the outputs of 'flashsale loadgen --part i/N --start-at T' runs (one per machine) into one report: " +
            "histograms added (one percentile spectrum, never averaged percentiles), counters summed, interval logs " +
            "merged per interval, and one audit of every part's ledger against the node.",
        "",
        "Exit codes: 0 = passed, 1 = audit failed, 2 = bad input (missing or mismatched parts, unreadable files), " +
            "3 = a --threshold failed.",
        ""})
public final class MergeCommand implements Callable<Integer>
{
    @Parameters(arity = "1..*", paramLabel = "DIR|FILE",
        description = "Directories holding the parts' <name>.summary.json (with their .hlog and .ledger.json beside " +
            "them), or summary files.")
    List<Path> inputs;

    @Option(names = {"-u", "--url"},
        description = "Gateway to audit against. Default: the target the parts drove.")
    URI url;

    @Option(names = "--report-dir", defaultValue = "reports", paramLabel = "DIR",
        description = "Where the merged HTML report, .hlog and summary go. Default: ${DEFAULT-VALUE}.")
    Path reportDir;

    @Option(names = "--name", paramLabel = "STEM",
        description = "File name stem of the merged outputs. Default: merged-<date>-<time>.")
    String name;

    @Option(names = "--no-audit", description = "Skip the audit (for example when the node is gone).")
    boolean noAudit;

    @Option(names = "--threshold", paramLabel = "EXPR", converter = Threshold.Converter.class,
        description = "Pass/fail condition on the merged run, as for 'flashsale loadgen' (e.g. 'buy:p99<10ms', " +
            "'errors<1%%'); repeatable.")
    List<Threshold> thresholds = new ArrayList<>();

    @Option(names = "--summary-json", paramLabel = "FILE",
        description = "Where the merged JSON summary goes. Default: <report-dir>/<name>.summary.json.")
    Path summaryJson;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
    {
        final List<SummaryJson.Loaded> parts = load(summaries());
        final String stem = name != null ? name :
            "merged-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        final PrintStream out = System.out;
        try
        {
            final RunResult merged = merge(parts, stem);
            final RunResult result = merged.withThresholds(RunOutputs.evaluate(thresholds, merged));
            RunOutputs.write(result, reportDir, stem,
                summaryJson != null ? summaryJson : reportDir.resolve(stem + ".summary.json"), out);
            return result.exitCode();
        }
        catch (final IOException ex)
        {
            System.err.println("flashsale loadgen merge: " + ex.getMessage());
            return ExitCodes.USAGE;
        }
    }

    private List<Path> summaries()
    {
        final List<Path> files = new ArrayList<>();
        for (final Path input : inputs)
        {
            if (Files.isDirectory(input))
            {
                final int before = files.size();
                try (DirectoryStream<Path> dir = Files.newDirectoryStream(input, "*.summary.json"))
                {
                    dir.forEach(files::add);
                }
                catch (final IOException ex)
                {
                    throw new ParameterException(spec.commandLine(), input + ": " + ex.getMessage());
                }
                if (files.size() == before)
                {
                    throw new ParameterException(spec.commandLine(), input + ": no *.summary.json in it");
                }
            }
            else if (Files.isReadable(input))
            {
                files.add(input);
            }
            else
            {
                throw new ParameterException(spec.commandLine(), input + ": no such directory or readable file");
            }
        }
        return files;
    }

    private List<SummaryJson.Loaded> load(final List<Path> files)
    {
        final List<SummaryJson.Loaded> parts = new ArrayList<>();
        for (final Path file : files)
        {
            try
            {
                parts.add(SummaryJson.read(file));
            }
            catch (final IOException | RuntimeException ex)
            {
                throw new ParameterException(spec.commandLine(), file + ": " + ex.getMessage());
            }
        }
        parts.sort(Comparator.comparingInt(p -> p.part().index()));
        final SummaryJson.Loaded first = parts.get(0);
        final int count = first.part().count();
        final TreeSet<Integer> seen = new TreeSet<>();
        for (final SummaryJson.Loaded p : parts)
        {
            final RunResult r = p.result();
            if (p.part().count() != count || !p.part().isPartial())
            {
                throw new ParameterException(spec.commandLine(), "'" + p.name() + "' is " +
                    (p.part().isPartial() ? "part " + p.part() : "not a part") + ", '" + first.name() + "' part " +
                    first.part() + ": not parts of one run");
            }
            if (!seen.add(p.part().index()))
            {
                throw new ParameterException(spec.commandLine(), "part " + p.part() + " given twice");
            }
            if (r.startEpochMillis() != first.result().startEpochMillis() ||
                r.plan().schedule().totalArrivals() != first.result().plan().schedule().totalArrivals() ||
                r.plan().schedule().durationNanos() != first.result().plan().schedule().durationNanos())
            {
                throw new ParameterException(spec.commandLine(), "'" + p.name() + "' and '" + first.name() +
                    "' differ in start time or schedule: not parts of one run");
            }
        }
        if (seen.size() != count)
        {
            final List<Integer> missing = new ArrayList<>();
            for (int i = 1; i <= count; i++)
            {
                if (!seen.contains(i))
                {
                    missing.add(i);
                }
            }
            throw new ParameterException(spec.commandLine(), "parts " + missing + " of " + count + " are missing");
        }
        return parts;
    }

    private RunResult merge(final List<SummaryJson.Loaded> parts, final String stem) throws IOException
    {
        final RunResult first = parts.get(0).result();
        final Histogram[][][] latency =
            new Histogram[RequestKind.values().length][SalePhase.values().length][Outcome.count()];
        final Histogram sendLag = LiveStats.histogram();
        final long[] arrivals = new long[SalePhase.values().length];
        final long[] byState = new long[5];
        long sent = 0;
        long retries = 0;
        long abandoned = 0;
        long unknownBuys = 0;
        long protocolErrors = 0;
        long checks = 0;
        long violations = 0;
        long orders = 0;
        double elapsed = 0;
        int skuCount = 0;
        for (final SummaryJson.Loaded p : parts)
        {
            final RunResult r = p.result();
            LoadGenerator.addAll(latency, r.latency());
            sendLag.add(r.sendLag());
            for (int i = 0; i < arrivals.length; i++)
            {
                arrivals[i] += r.arrivalsByPhase()[i];
            }
            for (int i = 0; i < byState.length; i++)
            {
                byState[i] += r.ordersByState()[i];
            }
            sent += r.sent();
            retries += r.retries();
            abandoned += r.abandoned();
            unknownBuys += r.unknownBuys();
            protocolErrors += r.protocolErrors();
            checks += r.duplicateChecks();
            violations += r.duplicateViolations();
            orders += r.orders();
            elapsed = Math.max(elapsed, r.elapsedSeconds());
            skuCount = Math.max(skuCount, r.skuCount());
        }
        Files.createDirectories(reportDir);
        final Path hlog = reportDir.resolve(stem + ".hlog");
        final List<SecondSample> samples = mergeIntervals(parts, hlog);
        final LoadPlan plan = LoadPlan.forPart(first.plan(), Part.WHOLE, first.startEpochMillis());
        SaleAudit.Result audit = null;
        if (!noAudit)
        {
            final List<AuditInput> inputs = new ArrayList<>();
            for (final SummaryJson.Loaded p : parts)
            {
                inputs.add(LedgerFile.read(ledgerOf(p)));
            }
            final AuditInput all = AuditInput.combine(inputs);
            final URI target = url != null ? url : first.plan().target();
            final GatewayClient client = new GatewayClient(target);
            if (!client.healthy())
            {
                throw new IOException("gateway at " + target + " is not healthy (GET /health); audit needs the node " +
                    "the parts drove (or --no-audit)");
            }
            final SaleAudit.Result verdict = LoadGenerator.audit(client, all);
            final List<SaleAudit.Check> checkList = new ArrayList<>(verdict.checks());
            checkList.add(0, sameStart(inputs));
            audit = new SaleAudit.Result(checkList, verdict.skus());
            final long[] settled = LoadGenerator.ordersByState(all.ledgers());
            System.arraycopy(settled, 0, byState, 0, byState.length);
        }
        return new RunResult(plan, first.transport(), skuCount, elapsed, first.startEpochMillis(), latency, sendLag,
            arrivals, sent, retries, abandoned, unknownBuys, protocolErrors, checks, violations, orders, byState,
            samples, audit, hlog, parts.size(), List.of(), null);
    }

    private static Path ledgerOf(final SummaryJson.Loaded p) throws IOException
    {
        final String ledger = p.files().get("ledger");
        if (ledger == null)
        {
            throw new IOException("'" + p.name() + "' names no ledger file");
        }
        return p.dir().resolve(ledger);
    }

    private static SaleAudit.Check sameStart(final List<AuditInput> inputs)
    {
        final Map<Long, SkuState> first = inputs.get(0).before();
        int differing = 0;
        for (final AuditInput input : inputs)
        {
            differing += input.before().equals(first) ? 0 : 1;
        }
        return new SaleAudit.Check("every part saw the same stock before the start", differing == 0,
            differing == 0 ? inputs.size() + " parts agree" : differing + " parts saw other stock: someone else " +
            "bought, or a part started late");
    }

    /**
     * Merge the parts' interval logs interval by interval (intervals share a grid and numbering because the parts
     * share the start time and schedule) into {@code hlog}, and their per-second samples into one list whose
     * percentiles come from the merged interval histograms.
     */
    private static List<SecondSample> mergeIntervals(final List<SummaryJson.Loaded> parts, final Path hlog)
        throws IOException
    {
        final TreeMap<Integer, Histogram> all = new TreeMap<>();
        final TreeMap<Integer, Map<String, Histogram>> tagged = new TreeMap<>();
        for (final SummaryJson.Loaded p : parts)
        {
            readLog(p.result().hlog(), all, tagged);
        }
        final TreeMap<Integer, List<SecondSample>> byIndex = new TreeMap<>();
        for (final SummaryJson.Loaded p : parts)
        {
            for (final SecondSample s : p.result().samples())
            {
                byIndex.computeIfAbsent(s.index(), i -> new ArrayList<>()).add(s);
            }
        }
        final List<SecondSample> merged = new ArrayList<>();
        final HistogramLogWriter writer;
        try
        {
            writer = new HistogramLogWriter(hlog.toFile());
        }
        catch (final FileNotFoundException ex)
        {
            throw new IOException("cannot write " + hlog + ": " + ex.getMessage(), ex);
        }
        try
        {
            final long start = parts.get(0).result().startEpochMillis();
            writer.outputComment("flashsale loadgen merge of " + parts.size() + " parts: latency in nanoseconds " +
                "from each request's intended send time; untagged = all requests, tags = request kinds");
            writer.outputLogFormatVersion();
            writer.outputStartTime(start);
            writer.setBaseTime(start);
            writer.outputLegend();
            for (final Map.Entry<Integer, List<SecondSample>> e : byIndex.entrySet())
            {
                final SecondSample s = sum(e.getKey(), e.getValue(), all.get(e.getKey()));
                merged.add(s);
                final double to = s.runSeconds();
                final double from = to - s.intervalSeconds();
                writer.outputIntervalHistogram(from, to, all.getOrDefault(e.getKey(), LiveStats.histogram()), 1e6);
                for (final Map.Entry<String, Histogram> t : tagged.getOrDefault(e.getKey(), Map.of()).entrySet())
                {
                    t.getValue().setTag(t.getKey());
                    writer.outputIntervalHistogram(from, to, t.getValue(), 1e6);
                }
            }
        }
        finally
        {
            writer.close();
        }
        return merged;
    }

    private static void readLog(final Path file, final Map<Integer, Histogram> all,
        final Map<Integer, Map<String, Histogram>> tagged) throws IOException
    {
        if (file == null || !Files.isReadable(file))
        {
            throw new IOException("interval log " + file + " is missing");
        }
        try (HistogramLogReader reader = new HistogramLogReader(file.toFile()))
        {
            int index = -1;
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null)
            {
                if (h.getTag() == null)
                {
                    index++;
                    all.computeIfAbsent(index, i -> LiveStats.histogram()).add((Histogram)h);
                }
                else if (index >= 0)
                {
                    tagged.computeIfAbsent(index, i -> new TreeMap<>())
                        .computeIfAbsent(h.getTag(), t -> LiveStats.histogram()).add((Histogram)h);
                }
            }
        }
    }

    private static SecondSample sum(final int index, final List<SecondSample> samples, final Histogram interval)
    {
        double runSeconds = 0;
        double intervalSeconds = 0;
        double offered = 0;
        double achieved = 0;
        long errors = 0;
        final Map<String, Long> outcomes = new TreeMap<>();
        final TreeSet<Long> soldOut = new TreeSet<>();
        for (final SecondSample s : samples)
        {
            runSeconds = Math.max(runSeconds, s.runSeconds());
            intervalSeconds = Math.max(intervalSeconds, s.intervalSeconds());
            offered += s.offered();
            achieved += s.achieved();
            errors += s.errors();
            s.outcomes().forEach((k, v) -> outcomes.merge(k, v, Long::sum));
            soldOut.addAll(s.soldOutSkus());
        }
        final Histogram h = interval != null ? interval : LiveStats.histogram();
        return new SecondSample(index, runSeconds, intervalSeconds, samples.get(0).saleHour(), offered, achieved,
            h.getValueAtPercentile(50) / 1000, h.getValueAtPercentile(99) / 1000, h.getMaxValue() / 1000, errors,
            soldOut.size(), outcomes, new ArrayList<>(soldOut));
    }
}
