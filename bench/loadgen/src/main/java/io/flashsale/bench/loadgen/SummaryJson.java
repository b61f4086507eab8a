package io.flashsale.bench.loadgen;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.flashsale.client.Outcome;

/**
 * The machine-readable summary of a run ({@code --summary-json FILE}): offered and achieved rates, latency
 * percentiles (milliseconds) for every answer, per phase, per request kind, per kind and phase and per outcome,
 * error shares, orders, the thresholds' and the audit's verdicts, the per-second samples, and the run's full
 * histograms (HdrHistogram's compressed encoding, base64, nanoseconds) so that {@code flashsale loadgen merge} can
 * add several generators' runs exactly. {@link #read} rebuilds a {@link RunResult} from it.
 */
public final class SummaryJson
{
    /** Value of the {@code format} field. */
    public static final String FORMAT = "flashsale-loadgen-summary";
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};
    private static final String[] PERCENTILE_NAMES = {"p50", "p90", "p99", "p99.9", "p99.99"};
    private static final String[] STATES = {"reserved", "paid", "cancelled", "expired", "unresolved"};

    private SummaryJson()
    {
    }

    /**
     * @param r     a finished run.
     * @param name  the outputs' file name stem.
     * @param files output files by role (hlog, html, ledger), as names relative to the summary.
     * @param file  where to write.
     * @throws IOException if it cannot be written.
     */
    public static void write(final RunResult r, final String name, final Map<String, String> files, final Path file)
        throws IOException
    {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(),
            toMap(r, name, files));
    }

    static Map<String, Object> toMap(final RunResult r, final String name, final Map<String, String> files)
    {
        final LoadPlan p = r.plan();
        final RateSchedule s = p.schedule();
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("version", 1);
        m.put("name", name);
        m.put("date", Instant.ofEpochMilli(r.startEpochMillis()).toString());
        m.put("startEpochMillis", r.startEpochMillis());
        m.put("target", p.target().toString());
        m.put("part", p.part().isPartial() ? p.part().toString() : null);
        m.put("parts", r.parts());
        m.put("exitCode", r.exitCode());
        final Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("mode", s.isConstant() ? "constant" : "curve");
        schedule.put(s.isConstant() ? "rate" : "peak", s.busiestSecondRate());
        schedule.put("curveTopRate", s.peakRate());
        schedule.put("durationSeconds", s.durationNanos() / 1e9);
        schedule.put("arrivals", s.totalArrivals());
        schedule.put("description", s.describe());
        schedule.put("profile", ordered("description", s.profile().description(), "hours", s.profile().hours(),
            "rates", s.profile().rates()));
        m.put("schedule", schedule);
        m.put("options", options(p));
        m.put("transport", r.transport());
        m.put("skus", r.skuCount());
        long arrivals = 0;
        final Map<String, Long> byPhase = new LinkedHashMap<>();
        for (final SalePhase phase : SalePhase.values())
        {
            arrivals += r.arrivalsByPhase()[phase.ordinal()];
            byPhase.put(phase.key(), r.arrivalsByPhase()[phase.ordinal()]);
        }
        final Histogram all = r.phaseHistogram(null);
        m.put("offered", ordered("arrivals", arrivals, "scheduledArrivals", s.totalArrivals() / p.part().count(),
            "meanPerSecond", r.offeredMeanRate(), "busiestSecond", r.offeredBusiestSecond(), "byPhase", byPhase));
        m.put("achieved", ordered("answers", all.getTotalCount(), "meanPerSecond", r.achievedMeanRate(),
            "busiestSecond", r.achievedBusiestSecond(), "elapsedSeconds", r.elapsedSeconds()));
        final Map<String, Object> requests = new LinkedHashMap<>();
        requests.put("sent", r.sent());
        requests.put("retries", r.retries());
        requests.put("abandoned", r.abandoned());
        requests.put("unknownBuys", r.unknownBuys());
        requests.put("protocolErrors", r.protocolErrors());
        requests.put("duplicateChecks", r.duplicateChecks());
        requests.put("duplicateViolations", r.duplicateViolations());
        m.put("requests", requests);
        final Map<String, Object> orders = new LinkedHashMap<>();
        orders.put("acknowledged", r.orders());
        for (int i = 0; i < STATES.length; i++)
        {
            orders.put(STATES[i], r.ordersByState()[i]);
        }
        m.put("orders", orders);
        m.put("sendLag", stats(r.sendLag(), -1));
        m.put("latency", latency(r));
        final List<Map<String, Object>> thresholds = new ArrayList<>();
        for (final Threshold.Verdict v : r.thresholds())
        {
            thresholds.add(ordered("expression", v.expression(), "actual", v.actual(), "passed", v.passed()));
        }
        m.put("thresholds", thresholds);
        m.put("audit", audit(r));
        m.put("samples", r.samples());
        m.put("files", files);
        m.put("histograms", histograms(r));
        return m;
    }

    private static Map<String, Object> ordered(final Object... keysAndValues)
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2)
        {
            m.put((String)keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> options(final LoadPlan p)
    {
        final Map<String, Object> o = new LinkedHashMap<>();
        o.put("connections", p.connections());
        o.put("pipeline", p.pipeline());
        o.put("threads", p.threads());
        o.put("transport", p.transport());
        o.put("users", p.users());
        o.put("zipf", p.zipfExponent());
        o.put("bots", p.botShare());
        o.put("retryShare", p.retryShare());
        o.put("maxRetries", p.maxRetries());
        o.put("retryBackoffNanos", p.retryBackoffNanos());
        o.put("resubmitShare", p.resubmitShare());
        o.put("resubmitDelayNanos", p.resubmitDelayNanos());
        o.put("payShare", p.payShare());
        o.put("cancelShare", p.cancelShare());
        o.put("payDelayNanos", p.payDelayNanos());
        o.put("drainNanos", p.drainNanos());
        o.put("tickNanos", p.tickNanos());
        o.put("seed", p.seed());
        o.put("runTag", p.runTag());
        return o;
    }

    private static Map<String, Object> latency(final RunResult r)
    {
        final Map<String, Object> l = new LinkedHashMap<>();
        l.put("unit", "ms, from each request's intended send time");
        l.put("all", stats(r.phaseHistogram(null), r.errors(null, null)));
        final Map<String, Object> byPhase = new LinkedHashMap<>();
        for (final SalePhase phase : SalePhase.values())
        {
            final Histogram h = r.phaseHistogram(phase);
            if (h.getTotalCount() > 0)
            {
                byPhase.put(phase.key(), stats(h, r.errors(null, phase)));
            }
        }
        l.put("byPhase", byPhase);
        final Map<String, Object> byKind = new LinkedHashMap<>();
        final Map<String, Object> byKindAndPhase = new LinkedHashMap<>();
        for (final RequestKind kind : RequestKind.values())
        {
            final Histogram h = r.histogram(kind, null, null);
            if (h.getTotalCount() > 0)
            {
                byKind.put(kind.tag(), stats(h, r.errors(kind, null)));
            }
            for (final SalePhase phase : SalePhase.values())
            {
                final Histogram kp = r.histogram(kind, phase, null);
                if (kp.getTotalCount() > 0)
                {
                    byKindAndPhase.put(kind.tag() + "@" + phase.key(), stats(kp, r.errors(kind, phase)));
                }
            }
        }
        l.put("byKind", byKind);
        l.put("byKindAndPhase", byKindAndPhase);
        final Map<String, Object> byOutcome = new LinkedHashMap<>();
        for (int o = 0; o < Outcome.count(); o++)
        {
            final Histogram h = r.outcomeHistogram(Outcome.byOrdinal(o));
            if (h.getTotalCount() > 0)
            {
                byOutcome.put(Outcome.byOrdinal(o).name(), stats(h, -1));
            }
        }
        l.put("byOutcome", byOutcome);
        return l;
    }

    private static Map<String, Object> stats(final Histogram h, final long errors)
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        if (errors >= 0)
        {
            m.put("errors", errors);
            m.put("errorShare", h.getTotalCount() == 0 ? 0.0 : (double)errors / h.getTotalCount());
        }
        if (h.getTotalCount() > 0)
        {
            m.put("mean", h.getMean() / 1e6);
            for (int i = 0; i < PERCENTILES.length; i++)
            {
                m.put(PERCENTILE_NAMES[i], h.getValueAtPercentile(PERCENTILES[i]) / 1e6);
            }
            m.put("max", h.getMaxValue() / 1e6);
        }
        return m;
    }

    private static Map<String, Object> audit(final RunResult r)
    {
        if (r.audit() == null)
        {
            return null;
        }
        final List<Map<String, Object>> checks = new ArrayList<>();
        for (final SaleAudit.Check c : r.audit().checks())
        {
            checks.add(ordered("name", c.name(), "passed", c.passed(), "detail", c.detail()));
        }
        final Map<String, Object> a = new LinkedHashMap<>();
        a.put("passed", r.audit().passed());
        a.put("checks", checks);
        a.put("skus", r.audit().skus());
        return a;
    }

    private static Map<String, Object> histograms(final RunResult r)
    {
        final Map<String, Object> h = new LinkedHashMap<>();
        h.put("encoding", "HdrHistogram compressed (encodeIntoCompressedByteBuffer), base64; nanoseconds");
        h.put("sendLag", encode(r.sendLag()));
        final List<Map<String, Object>> latency = new ArrayList<>();
        for (int k = 0; k < r.latency().length; k++)
        {
            for (int p = 0; p < r.latency()[k].length; p++)
            {
                for (int o = 0; o < r.latency()[k][p].length; o++)
                {
                    final Histogram one = r.latency()[k][p][o];
                    if (one != null && one.getTotalCount() > 0)
                    {
                        latency.add(ordered("kind", RequestKind.byOrdinal(k).tag(), "phase",
                            SalePhase.byOrdinal(p).key(), "outcome", Outcome.byOrdinal(o).name(), "histogram",
                            encode(one)));
                    }
                }
            }
        }
        h.put("latency", latency);
        return h;
    }

    static String encode(final Histogram h)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        final int length = h.encodeIntoCompressedByteBuffer(buffer);
        final byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    static Histogram decode(final String base64) throws IOException
    {
        try
        {
            final Histogram h = Histogram.decodeFromCompressedByteBuffer(
                ByteBuffer.wrap(Base64.getDecoder().decode(base64)), LiveStats.HIGHEST_NANOS);
            final Histogram sized = LiveStats.histogram();
            sized.add(h);
            return sized;
        }
        catch (final DataFormatException | IllegalArgumentException ex)
        {
            throw new IOException("a histogram in the summary does not decode: " + ex.getMessage(), ex);
        }
    }

    /**
     * One generator's summary read back: its measurements as a {@link RunResult} (no audit, no thresholds), the
     * file names it lists, and its part.
     *
     * @param result the run.
     * @param part   which part of the schedule it ran.
     * @param name   the outputs' file name stem.
     * @param files  output files by role, relative to {@code dir}.
     * @param dir    the directory the summary is in.
     */
    public record Loaded(RunResult result, Part part, String name, Map<String, String> files, Path dir)
    {
    }

    /**
     * @param file a summary written by {@link #write}.
     * @return what it holds.
     * @throws IOException if it cannot be read or is not a loadgen summary.
     */
    public static Loaded read(final Path file) throws IOException
    {
        final ObjectMapper mapper = new ObjectMapper();
        final JsonNode root = mapper.readTree(file.toFile());
        if (root == null || !FORMAT.equals(root.path("format").asText()))
        {
            throw new IOException(file + " is not a loadgen summary (no \"format\":\"" + FORMAT + "\")");
        }
        final JsonNode s = root.path("schedule");
        final JsonNode profile = s.path("profile");
        final SaleProfile curve = SaleProfile.of(mapper.treeToValue(profile.get("hours"), double[].class),
            mapper.treeToValue(profile.get("rates"), double[].class), profile.path("description").asText());
        final RateSchedule schedule = RateSchedule.of(curve, s.path("curveTopRate").asDouble(),
            Math.round(s.path("durationSeconds").asDouble() * 1e9), "constant".equals(s.path("mode").asText()));
        final JsonNode o = root.path("options");
        final Part part = root.path("part").isTextual() ? new Part.Converter().convert(root.path("part").asText()) :
            Part.WHOLE;
        final LoadPlan plan = new LoadPlan(URI.create(root.path("target").asText()), schedule,
            o.path("connections").asInt(), o.path("pipeline").asInt(), o.path("threads").asInt(),
            o.path("transport").asText(), o.path("users").asLong(), o.path("zipf").asDouble(),
            o.path("bots").asDouble(), o.path("retryShare").asDouble(), o.path("maxRetries").asInt(),
            o.path("retryBackoffNanos").asLong(), o.path("resubmitShare").asDouble(),
            o.path("resubmitDelayNanos").asLong(), o.path("payShare").asDouble(), o.path("cancelShare").asDouble(),
            o.path("payDelayNanos").asLong(), o.path("drainNanos").asLong(), o.path("tickNanos").asLong(),
            o.path("seed").asLong(), o.path("runTag").asText(), part, root.path("startEpochMillis").asLong());
        final Histogram[][][] latency =
            new Histogram[RequestKind.values().length][SalePhase.values().length][Outcome.count()];
        for (final JsonNode h : root.path("histograms").path("latency"))
        {
            final RequestKind kind = RequestKind.ofTag(h.path("kind").asText());
            final SalePhase phase = SalePhase.ofKey(h.path("phase").asText());
            if (kind == null || phase == null)
            {
                throw new IOException(file + ": unknown kind or phase in " + h.path("kind") + "/" + h.path("phase"));
            }
            latency[kind.ordinal()][phase.ordinal()][Outcome.valueOf(h.path("outcome").asText()).ordinal()] =
                decode(h.path("histogram").asText());
        }
        final long[] arrivals = new long[SalePhase.values().length];
        for (final SalePhase phase : SalePhase.values())
        {
            arrivals[phase.ordinal()] = root.path("offered").path("byPhase").path(phase.key()).asLong();
        }
        final long[] byState = new long[STATES.length];
        for (int i = 0; i < STATES.length; i++)
        {
            byState[i] = root.path("orders").path(STATES[i]).asLong();
        }
        final List<SecondSample> samples = new ArrayList<>();
        for (final JsonNode n : root.path("samples"))
        {
            samples.add(mapper.treeToValue(n, SecondSample.class));
        }
        final JsonNode req = root.path("requests");
        final Map<String, String> files = new LinkedHashMap<>();
        root.path("files").properties().forEach(e -> files.put(e.getKey(), e.getValue().asText()));
        final Path dir = file.toAbsolutePath().getParent();
        final RunResult result = new RunResult(plan, root.path("transport").asText(), root.path("skus").asInt(),
            root.path("achieved").path("elapsedSeconds").asDouble(), root.path("startEpochMillis").asLong(), latency,
            decode(root.path("histograms").path("sendLag").asText()), arrivals, req.path("sent").asLong(),
            req.path("retries").asLong(), req.path("abandoned").asLong(), req.path("unknownBuys").asLong(),
            req.path("protocolErrors").asLong(), req.path("duplicateChecks").asLong(),
            req.path("duplicateViolations").asLong(), root.path("orders").path("acknowledged").asLong(), byState,
            samples, null, files.containsKey("hlog") ? dir.resolve(files.get("hlog")) : null,
            root.path("parts").asInt(1), List.of(), null);
        return new Loaded(result, part, root.path("name").asText(), files, dir);
    }
}
