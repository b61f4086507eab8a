package io.flashsale.bench.loadgen;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import io.flashsale.client.Outcome;

/**
 * Once a second, on its own thread: takes the interval histograms from {@link LiveStats}, appends them to the run's
 * {@code .hlog} (untagged = all requests, tagged per request kind; values in nanoseconds, like the node's), keeps a
 * {@link SecondSample} for the report, and prints the live line: sale clock, offered and achieved rate, p99 of the
 * last second, SKUs sold out. On a terminal the line redraws in place; otherwise one plain line per second.
 * Intervals are cut on a grid of whole seconds through the start of the schedule's busiest second, so that second is
 * one interval (the peak shown is the peak offered), and generators sharing a start time share the grid.
 */
public final class ProgressReporter implements Runnable
{
    private static final long INTERVAL_NANOS = 1_000_000_000L;
    private static final double NANOS_PER_MILLI = 1e6;

    private final RateSchedule schedule;
    private final Part part;
    private final LiveStats live;
    private final SkuTable skus;
    private final int skuCount;
    private final long[] lastOutcomes = new long[Outcome.count()];
    private final PrintStream out;
    private final boolean terminal;
    private final boolean quiet;
    private final HistogramLogWriter log;
    private final List<SecondSample> samples = new ArrayList<>();
    private final Histogram[] byKind = new Histogram[RequestKind.values().length];
    private Histogram all;
    private volatile boolean running = true;
    private long startNanos;
    private long lastNanos;
    private long lastResponses;
    private long lastErrors;
    private long firstBoundaryNanos;
    private int index;
    private Thread thread;

    /**
     * @param schedule the run's schedule (for offered rate and sale clock).
     * @param part     the share of the schedule this generator sends.
     * @param live     live statistics of the workers.
     * @param skus     SKUs on sale.
     * @param hlog     where to write the interval log.
     * @param out      where the live line goes.
     * @param terminal true to redraw one line in place.
     * @param quiet    true to print nothing (the log and samples are still kept).
     * @throws java.io.FileNotFoundException if the log cannot be created.
     */
    public ProgressReporter(
        final RateSchedule schedule,
        final Part part,
        final LiveStats live,
        final SkuTable skus,
        final Path hlog,
        final PrintStream out,
        final boolean terminal,
        final boolean quiet) throws java.io.FileNotFoundException
    {
        this.schedule = schedule;
        this.part = part;
        this.live = live;
        this.skus = skus;
        this.skuCount = skus.size();
        this.out = out;
        this.terminal = terminal;
        this.quiet = quiet;
        this.log = new HistogramLogWriter(hlog.toFile());
    }

    /**
     * Write the log header and start the reporting thread.
     *
     * @param runStartNanos {@link System#nanoTime()} of arrival time 0.
     * @param runStartEpochMillis the same instant in epoch milliseconds.
     */
    public void start(final long runStartNanos, final long runStartEpochMillis)
    {
        startNanos = runStartNanos;
        lastNanos = runStartNanos;
        log.outputComment("flashsale loadgen interval log: latency in nanoseconds from each request's intended " +
            "send time; untagged = all requests, tags = request kinds (buy, resubmit, pay, cancel, browse)");
        log.outputLogFormatVersion();
        log.outputStartTime(runStartEpochMillis);
        log.setBaseTime(runStartEpochMillis);
        log.outputLegend();
        final long anchor = Math.floorMod(schedule.busiestSecondStartNanos(), INTERVAL_NANOS);
        firstBoundaryNanos = anchor > 0 ? anchor : INTERVAL_NANOS;
        thread = new Thread(this, "loadgen-progress");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run()
    {
        long next = startNanos + firstBoundaryNanos;
        while (running)
        {
            final long wait = next - System.nanoTime();
            if (wait > 0)
            {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
                continue;
            }
            report(System.nanoTime());
            next += INTERVAL_NANOS;
        }
    }

    /**
     * Stop the thread, report the last partial interval and close the log.
     *
     * @return the per-second samples of the whole run.
     */
    public List<SecondSample> stop()
    {
        running = false;
        if (thread != null)
        {
            try
            {
                thread.join();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        report(System.nanoTime());
        if (terminal && !quiet)
        {
            out.println();
        }
        log.close();
        return samples;
    }

    private void report(final long now)
    {
        if (now <= lastNanos)
        {
            return;
        }
        final double from = (lastNanos - startNanos) / 1e9;
        final double to = (now - startNanos) / 1e9;
        all = live.all().getIntervalHistogram(all);
        log.outputIntervalHistogram(from, to, all, NANOS_PER_MILLI);
        for (final RequestKind kind : RequestKind.values())
        {
            final Histogram h = live.byKind(kind).getIntervalHistogram(byKind[kind.ordinal()]);
            byKind[kind.ordinal()] = h;
            if (h.getTotalCount() > 0)
            {
                h.setTag(kind.tag());
                log.outputIntervalHistogram(from, to, h, NANOS_PER_MILLI);
            }
        }
        final double seconds = (now - lastNanos) / 1e9;
        final double offered = (schedule.arrivalsBefore(now - startNanos) -
            schedule.arrivalsBefore(lastNanos - startNanos)) / seconds / part.count();
        final long responses = live.responses();
        final long errors = live.errors();
        final double achieved = (responses - lastResponses) / seconds;
        final Map<String, Long> outcomes = new LinkedHashMap<>();
        for (int o = 0; o < lastOutcomes.length; o++)
        {
            final long count = live.answers(Outcome.byOrdinal(o));
            if (count > lastOutcomes[o])
            {
                outcomes.put(Outcome.byOrdinal(o).name(), count - lastOutcomes[o]);
            }
            lastOutcomes[o] = count;
        }
        final List<Long> soldOutSkus = new ArrayList<>();
        for (int i = 0; i < skuCount; i++)
        {
            if (live.isSoldOut(i))
            {
                soldOutSkus.add(skus.id(i));
            }
        }
        final SecondSample sample = new SecondSample(index++, to, seconds, schedule.saleHour(now - startNanos),
            offered, achieved, all.getValueAtPercentile(50) / 1000, all.getValueAtPercentile(99) / 1000,
            all.getMaxValue() / 1000, errors - lastErrors, soldOutSkus.size(), outcomes, soldOutSkus);
        samples.add(sample);
        lastNanos = now;
        lastResponses = responses;
        lastErrors = errors;
        if (!quiet)
        {
            print(sample);
        }
    }

    private void print(final SecondSample s)
    {
        final String line = String.format(Locale.ROOT,
            "%s %-12s | offered %,8.0f/s | achieved %,8.0f/s | p99 %s | errors %,d | sold out %d/%d",
            SalePhase.clock(Math.min(s.saleHour(), schedule.profile().endHour())),
            SalePhase.of(s.saleHour()).label(), s.offered(), s.achieved(), TextReport.millis(s.p99Micros() * 1000),
            s.errors(), s.soldOut(), skuCount);
        if (terminal)
        {
            out.print("\r" + line + "   ");
            out.flush();
        }
        else
        {
            out.println(line);
        }
    }
}
