package io.flashsale.bench.loadgen;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.HdrHistogram.Histogram;

import io.flashsale.client.Outcome;

/**
 * The end-of-run report for the terminal: offered versus achieved rate, latency percentiles per phase of the sale
 * day and per outcome (all from intended send time), idempotency counters and the audit verdict.
 */
public final class TextReport
{
    private static final DateTimeFormatter DATE =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private TextReport()
    {
    }

    /**
     * @param nanos a latency in nanoseconds.
     * @return it in milliseconds, e.g. {@code "0.212 ms"}.
     */
    public static String millis(final long nanos)
    {
        return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }

    /**
     * @param r a run.
     * @return one line: target, what was offered, when, and which part.
     */
    public static String heading(final RunResult r)
    {
        final LoadPlan p = r.plan();
        final String who = p.part().isPartial() ? ", part " + p.part() + " (this generator sends 1/" +
            p.part().count() + " of it)" : r.parts() > 1 ? ", merged from " + r.parts() + " generators" : "";
        return String.format(Locale.ROOT, "%s -> %s, %s UTC%s", p.schedule().isConstant() ?
            String.format(Locale.ROOT, "%,.0f arrivals/s constant", p.schedule().busiestSecondRate()) :
            String.format(Locale.ROOT, "peak %,.0f arrivals/s", p.schedule().busiestSecondRate()), p.target(),
            DATE.format(Instant.ofEpochMilli(r.startEpochMillis())), who);
    }

    /**
     * @param r a finished run.
     * @return the report text.
     */
    public static String render(final RunResult r)
    {
        final StringBuilder sb = new StringBuilder(4096);
        final LoadPlan p = r.plan();
        final RateSchedule s = p.schedule();
        line(sb, "=== flashsale loadgen report: %s ===", heading(r));
        line(sb, "target %s: %d connections x pipeline %d on %d client thread(s) (%s)%s; %d SKUs; %,d buyers",
            p.target(), p.connections(), p.pipeline(), p.threads(), r.transport(),
            r.parts() > 1 ? " on each of " + r.parts() + " generators" : "", r.skuCount(), p.users());
        line(sb, "schedule: %s", s.describe());
        line(sb, "sale day %s -> %s compressed into %.1f s, %,d arrivals", SalePhase.clock(s.profile().startHour()),
            SalePhase.clock(s.profile().endHour() - 1e-9), s.durationNanos() / 1e9, s.totalArrivals());
        line(sb, "");
        final Histogram all = r.phaseHistogram(null);
        line(sb, "offered  %,10.0f arrivals/s mean, %,10.0f/s in the busiest second", r.offeredMeanRate(),
            r.offeredBusiestSecond());
        line(sb, "achieved %,10.0f answers/s mean,  %,10.0f/s in the busiest second (answers include follow-ups)",
            r.achievedMeanRate(), r.achievedBusiestSecond());
        line(sb, "requests %,d sent (%,d arrivals + %,d retries/resubmissions/payments/cancellations), %,d answered" +
            " in %.1f s", r.sent(), sum(r.arrivalsByPhase()), r.sent() - sum(r.arrivalsByPhase()), all.getTotalCount(),
            r.elapsedSeconds());
        line(sb, "generator send lag (intended -> written): p50 %s  p99 %s  max %s",
            millis(r.sendLag().getValueAtPercentile(50)), millis(r.sendLag().getValueAtPercentile(99)),
            millis(r.sendLag().getMaxValue()));
        line(sb, "");
        line(sb, "latency from each request's intended send time, per phase of the sale day");
        line(sb, "%-14s %10s %11s %11s %11s %11s %11s %11s", "phase", "answers", "p50", "p90", "p99", "p99.9",
            "max", "arrivals");
        for (final SalePhase phase : SalePhase.values())
        {
            percentileRow(sb, phase.label(), r.phaseHistogram(phase), r.arrivalsByPhase()[phase.ordinal()]);
        }
        percentileRow(sb, "whole day", all, sum(r.arrivalsByPhase()));
        line(sb, "");
        line(sb, "%-14s %10s %11s %11s %11s %11s %11s %11s", "request kind", "answers", "p50", "p90", "p99", "p99.9",
            "max", "errors");
        for (final RequestKind kind : RequestKind.values())
        {
            final Histogram h = r.histogram(kind, null, null);
            if (h.getTotalCount() > 0)
            {
                percentileRow(sb, kind.tag(), h, r.errors(kind, null));
            }
        }
        line(sb, "");
        line(sb, "%-17s %10s %11s %11s %11s %11s", "outcome", "count", "p50", "p99", "p99.9", "max");
        for (int o = 0; o < Outcome.count(); o++)
        {
            final Histogram h = r.outcomeHistogram(Outcome.byOrdinal(o));
            if (h.getTotalCount() > 0)
            {
                line(sb, "%-17s %,10d %11s %11s %11s %11s", Outcome.byOrdinal(o), h.getTotalCount(),
                    millis(h.getValueAtPercentile(50)), millis(h.getValueAtPercentile(99)),
                    millis(h.getValueAtPercentile(99.9)), millis(h.getMaxValue()));
            }
        }
        line(sb, "");
        final long[] st = r.ordersByState();
        line(sb, "orders acknowledged %,d: paid %,d, cancelled %,d, expired %,d, still reserved %,d, unresolved %,d",
            r.orders(), st[OrderLedger.PAID], st[OrderLedger.CANCELLED], st[OrderLedger.EXPIRED],
            st[OrderLedger.RESERVED], st[OrderLedger.UNKNOWN]);
        line(sb, "resubmitted requestIds checked %,d, violations %,d; retries after 503 %,d; follow-ups abandoned" +
            " %,d; buys without answer %,d; protocol errors %,d", r.duplicateChecks(), r.duplicateViolations(),
            r.retries(), r.abandoned(), r.unknownBuys(), r.protocolErrors());
        if (!r.thresholds().isEmpty())
        {
            line(sb, "");
            line(sb, "thresholds: %s", r.thresholdsPassed() ? "PASSED" : "FAILED");
            for (final Threshold.Verdict v : r.thresholds())
            {
                line(sb, "  [%s] %s: %s", v.passed() ? " ok " : "FAIL", v.expression(), v.actual());
            }
        }
        if (r.audit() != null)
        {
            line(sb, "");
            line(sb, "audit: %s", r.audit().passed() ? "PASSED" : "FAILED");
            for (final SaleAudit.Check check : r.audit().checks())
            {
                line(sb, "  [%s] %s: %s", check.passed() ? " ok " : "FAIL", check.name(), check.detail());
            }
        }
        else if (r.plan().part().isPartial())
        {
            line(sb, "audit: by 'flashsale loadgen merge' over all parts (this part's orders are in its ledger)");
        }
        else
        {
            line(sb, "audit: skipped");
        }
        return sb.toString();
    }

    private static void percentileRow(final StringBuilder sb, final String label, final Histogram h,
        final long arrivals)
    {
        if (h.getTotalCount() == 0)
        {
            line(sb, "%-14s %,10d %11s %11s %11s %11s %11s %,11d", label, 0, "-", "-", "-", "-", "-", arrivals);
            return;
        }
        line(sb, "%-14s %,10d %11s %11s %11s %11s %11s %,11d", label, h.getTotalCount(),
            millis(h.getValueAtPercentile(50)), millis(h.getValueAtPercentile(90)),
            millis(h.getValueAtPercentile(99)), millis(h.getValueAtPercentile(99.9)), millis(h.getMaxValue()),
            arrivals);
    }

    private static long sum(final long[] values)
    {
        long total = 0;
        for (final long v : values)
        {
            total += v;
        }
        return total;
    }

    private static void line(final StringBuilder sb, final String format, final Object... args)
    {
        sb.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
