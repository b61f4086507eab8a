package io.flashsale.bench.loadgen;

import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;

import io.flashsale.client.Outcome;

/**
 * One worker's complete run statistics: latency in nanoseconds per (request kind, phase, outcome), the generator's
 * own send lag, and the idempotency and bookkeeping counters. Written only on the worker's event loop; merged by the
 * coordinator after the loops stopped. Histograms are created on first use of a (kind, phase, outcome) triple, so
 * steady state allocates nothing.
 */
public final class WorkerStats
{
    private static final int MAX_SAMPLES = 10;

    final Histogram[][][] latency =
        new Histogram[RequestKind.values().length][SalePhase.values().length][Outcome.count()];
    final Histogram sendLag = LiveStats.histogram();
    final long[] arrivalsByPhase = new long[SalePhase.values().length];
    final long[] unknownUnits;
    final List<String> violationSamples = new ArrayList<>();
    long sent;
    long duplicateChecks;
    long duplicateViolations;
    long retries;
    long abandoned;
    long unknownBuys;
    long protocolErrors;

    WorkerStats(final int skuCount)
    {
        unknownUnits = new long[skuCount];
    }

    void record(final RequestKind kind, final int phase, final Outcome outcome, final long latencyNanos)
    {
        final Histogram[] byOutcome = latency[kind.ordinal()][phase];
        Histogram h = byOutcome[outcome.ordinal()];
        if (h == null)
        {
            h = LiveStats.histogram();
            byOutcome[outcome.ordinal()] = h;
        }
        h.recordValue(LiveStats.clamp(latencyNanos));
    }

    void recordSendLag(final long lagNanos)
    {
        sendLag.recordValue(Math.min(LiveStats.HIGHEST_NANOS, Math.max(0, lagNanos)));
    }

    void violation(final String sample)
    {
        duplicateViolations++;
        if (violationSamples.size() < MAX_SAMPLES)
        {
            violationSamples.add(sample);
        }
    }
}
