package io.flashsale.bench.loadgen;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Once a second, on its own thread: takes the interval histograms from {@link LiveStats}, appends them to the run's
 * {@code .hlog} (untagged = all requests, tagged per request kind; values in microseconds), keeps a
 * {@link SecondSample} for the report, and prints the live line: sale clock, offered and achieved rate, p99 of the
 * last second, SKUs sold out. On a terminal the line redraws in place; otherwise one plain line per second.
 */
public final class ProgressReporter implements Runnable
{
    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final RateSchedule schedule;
    private final LiveStats live;
    private final int skuCount;
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
    private Thread thread;

    /**
     * @param schedule the run's schedule (for offered rate and sale clock).
     * @param live     live statistics of the workers.
     * @param skuCount SKUs on sale.
     * @param hlog     where to write the interval log.
     * @param out      where the live line goes.
     * @param terminal true to redraw one line in place.
     * @param quiet    true to print nothing (the log and samples are still kept).
     * @throws java.io.FileNotFoundException if the log cannot be created.
     */
    public ProgressReporter(
        final RateSchedule schedule,
        final LiveStats live,
        final int skuCount,
        final Path hlog,
        final PrintStream out,
        final boolean terminal,
        final boolean quiet) throws java.io.FileNotFoundException
    {
        this.schedule = schedule;
        this.live = live;
        this.skuCount = skuCount;
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
        log.outputComment("flashsale loadgen interval log: latency in microseconds from each request's intended " +
            "send time; untagged = all requests, tags = request kinds");
        log.outputLogFormatVersion();
        log.outputStartTime(runStartEpochMillis);
        log.setBaseTime(runStartEpochMillis);
        log.outputLegend();
        thread = new Thread(this, "loadgen-progress");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run()
    {
        long next = startNanos + INTERVAL_NANOS;
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
        log.outputIntervalHistogram(from, to, all, 1000.0);
        for (final RequestKind kind : RequestKind.values())
        {
            final Histogram h = live.byKind(kind).getIntervalHistogram(byKind[kind.ordinal()]);
            byKind[kind.ordinal()] = h;
            if (h.getTotalCount() > 0)
            {
                h.setTag(kind.tag());
                log.outputIntervalHistogram(from, to, h, 1000.0);
            }
        }
        final double seconds = (now - lastNanos) / 1e9;
        final double offered = (schedule.arrivalsBefore(now - startNanos) -
            schedule.arrivalsBefore(lastNanos - startNanos)) / seconds;
        final long responses = live.responses();
        final long errors = live.errors();
        final double achieved = (responses - lastResponses) / seconds;
        final SecondSample sample = new SecondSample(to, schedule.saleHour(now - startNanos), offered, achieved,
            all.getValueAtPercentile(50), all.getValueAtPercentile(99), all.getMaxValue(), errors - lastErrors,
            live.soldOutCount());
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
            SalePhase.of(s.saleHour()).label(), s.offered(), s.achieved(), TextReport.millis(s.p99Micros()),
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
