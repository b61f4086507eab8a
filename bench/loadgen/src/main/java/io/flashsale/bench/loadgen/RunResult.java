package io.flashsale.bench.loadgen;

import java.nio.file.Path;
import java.util.List;

import org.HdrHistogram.Histogram;

import io.flashsale.client.Outcome;
import io.flashsale.process.ExitCodes;

/**
 * Everything a finished run measured, merged over the workers (or over several generators' parts by
 * {@link MergeCommand}): input of the text, HTML and JSON reports and of the thresholds.
 *
 * @param plan                the plan that ran (for a merge: the whole schedule, {@link Part#WHOLE}).
 * @param transport           the transport actually used.
 * @param skuCount            SKUs on sale.
 * @param elapsedSeconds      from the first intended send to the last answer.
 * @param startEpochMillis    wall-clock time of arrival time 0.
 * @param latency             latency per [kind][phase][outcome] in nanoseconds; null where nothing was recorded.
 * @param sendLag             how late requests went out versus their intended time, nanoseconds.
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
 * @param parts               generators whose results these are (1 for a single run).
 * @param thresholds          the thresholds' verdicts, in the order given.
 * @param auditInput          what the audit compared (ledgers, stock before), or null when not kept.
 */
public record RunResult(
    LoadPlan plan,
    String transport,
    int skuCount,
    double elapsedSeconds,
    long startEpochMillis,
    Histogram[][][] latency,
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
    Path hlog,
    int parts,
    List<Threshold.Verdict> thresholds,
    AuditInput auditInput)
{
    /**
     * @param kind    a request kind, or null for all.
     * @param phase   a phase, or null for all.
     * @param outcome an outcome, or null for all.
     * @return the latency of the answers that match, merged (nanoseconds).
     */
    public Histogram histogram(final RequestKind kind, final SalePhase phase, final Outcome outcome)
    {
        final Histogram merged = LiveStats.histogram();
        for (int k = 0; k < latency.length; k++)
        {
            for (int p = 0; p < latency[k].length; p++)
            {
                for (int o = 0; o < latency[k][p].length; o++)
                {
                    final Histogram h = latency[k][p][o];
                    if (h != null && (kind == null || kind.ordinal() == k) && (phase == null || phase.ordinal() == p) &&
                        (outcome == null || outcome.ordinal() == o))
                    {
                        merged.add(h);
                    }
                }
            }
        }
        return merged;
    }

    /**
     * @param kind  a request kind, or null for all.
     * @param phase a phase, or null for all.
     * @return answers that were errors ({@link Outcome#error()}), of that kind and phase.
     */
    public long errors(final RequestKind kind, final SalePhase phase)
    {
        long n = 0;
        for (int o = 0; o < Outcome.count(); o++)
        {
            if (Outcome.byOrdinal(o).error())
            {
                for (int k = 0; k < latency.length; k++)
                {
                    for (int p = 0; p < latency[k].length; p++)
                    {
                        final Histogram h = latency[k][p][o];
                        if (h != null && (kind == null || kind.ordinal() == k) &&
                            (phase == null || phase.ordinal() == p))
                        {
                            n += h.getTotalCount();
                        }
                    }
                }
            }
        }
        return n;
    }

    /**
     * @param phase a phase, or null for all phases.
     * @return all outcomes of that phase merged.
     */
    public Histogram phaseHistogram(final SalePhase phase)
    {
        return histogram(null, phase, null);
    }

    /**
     * @param outcome an outcome.
     * @return that outcome over all phases.
     */
    public Histogram outcomeHistogram(final Outcome outcome)
    {
        return histogram(null, null, outcome);
    }

    /**
     * @return scheduled arrivals per second this generator (or these generators) offered, averaged over the schedule.
     */
    public double offeredMeanRate()
    {
        return plan.schedule().meanRate() / plan.part().count();
    }

    /**
     * @return arrivals this generator offered in the schedule's busiest second.
     */
    public double offeredBusiestSecond()
    {
        return plan.schedule().busiestSecondRate() / plan.part().count();
    }

    /**
     * @return answers per second averaged over the elapsed time.
     */
    public double achievedMeanRate()
    {
        return phaseHistogram(null).getTotalCount() / Math.max(1e-9, elapsedSeconds);
    }

    /**
     * @return answers per second in the busiest full interval of the run.
     */
    public double achievedBusiestSecond()
    {
        double best = 0;
        for (final SecondSample sample : samples)
        {
            if (sample.intervalSeconds() >= 0.5)
            {
                best = Math.max(best, sample.achieved());
            }
        }
        return best;
    }

    /**
     * @return true if the audit ran and passed, or was skipped.
     */
    public boolean passed()
    {
        return audit == null || audit.passed();
    }

    /**
     * @return true if every threshold held (or none was given).
     */
    public boolean thresholdsPassed()
    {
        return thresholds.stream().allMatch(Threshold.Verdict::passed);
    }

    /**
     * @return the exit code: {@link ExitCodes#OK}, {@link ExitCodes#CHECK_FAILED} (wins: correctness first) or
     *         {@link ExitCodes#THRESHOLD_FAILED}.
     */
    public int exitCode()
    {
        if (!passed())
        {
            return ExitCodes.CHECK_FAILED;
        }
        return thresholdsPassed() ? ExitCodes.OK : ExitCodes.THRESHOLD_FAILED;
    }

    /**
     * @param verdicts the thresholds' verdicts.
     * @return this result with them.
     */
    public RunResult withThresholds(final List<Threshold.Verdict> verdicts)
    {
        return new RunResult(plan, transport, skuCount, elapsedSeconds, startEpochMillis, latency, sendLag,
            arrivalsByPhase, sent, retries, abandoned, unknownBuys, protocolErrors, duplicateChecks,
            duplicateViolations, orders, ordersByState, samples, audit, hlog, parts, List.copyOf(verdicts), auditInput);
    }
}
