package io.flashsale.bench.loadgen;

import java.nio.file.Path;
import java.util.List;

import org.HdrHistogram.Histogram;

import io.flashsale.client.Outcome;

/**
 * Everything a finished run measured, merged over the workers: input of the text and HTML reports.
 *
 * @param plan                the plan that ran.
 * @param transport           the transport actually used.
 * @param skuCount            SKUs on sale.
 * @param elapsedSeconds      from the first intended send to the last answer.
 * @param latency             latency per [phase][outcome] in microseconds; null where nothing was recorded.
 * @param sendLag             how late requests went out versus their intended time, microseconds.
 * @param arrivalsByPhase     arrivals sent per phase.
 * @param sent                requests written (arrivals and follow-ups).
 * @param retries             retries after a 503.
 * @param abandoned           follow-ups dropped because the drain time ran out.
 * @param unknownBuys         buys whose connection dropped before the answer.
 * @param protocolErrors      unparseable or unsolicited answers.
 * @param duplicateChecks     resubmissions checked.
 * @param duplicateViolations resubmissions answered wrongly.
 * @param orders              orders acknowledged.
 * @param ordersByState       orders per final {@link OrderLedger} state (RESERVED, PAID, CANCELLED, EXPIRED, UNKNOWN).
 * @param samples             per-second samples.
 * @param audit               the audit verdict, or null when the audit was skipped.
 * @param hlog                the interval log.
 */
public record RunResult(
    LoadPlan plan,
    String transport,
    int skuCount,
    double elapsedSeconds,
    Histogram[][] latency,
    Histogram sendLag,
    long[] arrivalsByPhase,
    long sent,
    long retries,
    long abandoned,
    long unknownBuys,
    long protocolErrors,
    long duplicateChecks,
    long duplicateViolations,
    long orders,
    long[] ordersByState,
    List<SecondSample> samples,
    SaleAudit.Result audit,
    Path hlog)
{
    /**
     * @param phase a phase, or null for all phases.
     * @return all outcomes of that phase merged.
     */
    public Histogram phaseHistogram(final SalePhase phase)
    {
        final Histogram merged = new Histogram(LiveStats.HIGHEST_MICROS, LiveStats.DIGITS);
        for (int p = 0; p < latency.length; p++)
        {
            if (phase != null && p != phase.ordinal())
            {
                continue;
            }
            for (final Histogram h : latency[p])
            {
                if (h != null)
                {
                    merged.add(h);
                }
            }
        }
        return merged;
    }

    /**
     * @param outcome an outcome.
     * @return that outcome over all phases.
     */
    public Histogram outcomeHistogram(final Outcome outcome)
    {
        final Histogram merged = new Histogram(LiveStats.HIGHEST_MICROS, LiveStats.DIGITS);
        for (final Histogram[] byOutcome : latency)
        {
            if (byOutcome[outcome.ordinal()] != null)
            {
                merged.add(byOutcome[outcome.ordinal()]);
            }
        }
        return merged;
    }

    /**
     * @return scheduled arrivals per second, averaged over the schedule.
     */
    public double offeredMeanRate()
    {
        return plan.schedule().totalArrivals() / (plan.schedule().durationNanos() / 1e9);
    }

    /**
     * @return answers per second averaged over the elapsed time.
     */
    public double achievedMeanRate()
    {
        return phaseHistogram(null).getTotalCount() / Math.max(1e-9, elapsedSeconds);
    }

    /**
     * @return true if the audit ran and passed, or was skipped.
     */
    public boolean passed()
    {
        return audit == null || audit.passed();
    }
}
