package io.flashsale.bench.loadgen;

import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;

import io.flashsale.client.Outcome;

/**
 * One worker's complete run statistics: latency per (phase, outcome), the generator's own send lag, and the
 * idempotency and bookkeeping counters. Written only on the worker's event loop; merged by the coordinator after the
 * loops stopped. Histograms are created on first use of a (phase, outcome) pair.
 */
public final class WorkerStats
{
    private static final int MAX_SAMPLES = 10;

    final Histogram[][] latency = new Histogram[SalePhase.values().length][Outcome.count()];
    final Histogram sendLag = new Histogram(LiveStats.HIGHEST_MICROS, LiveStats.DIGITS);
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

    void record(final int phase, final Outcome outcome, final long latencyMicros)
    {
        Histogram h = latency[phase][outcome.ordinal()];
        if (h == null)
        {
            h = new Histogram(LiveStats.HIGHEST_MICROS, LiveStats.DIGITS);
            latency[phase][outcome.ordinal()] = h;
        }
        h.recordValue(Math.min(LiveStats.HIGHEST_MICROS, Math.max(1, latencyMicros)));
    }

    void recordSendLag(final long lagMicros)
    {
        sendLag.recordValue(Math.min(LiveStats.HIGHEST_MICROS, Math.max(0, lagMicros)));
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
