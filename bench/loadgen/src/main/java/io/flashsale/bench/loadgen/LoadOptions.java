package io.flashsale.bench.loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

import picocli.CommandLine.Option;

/**
 * The load-generator options shared by {@code flashsale loadgen} and {@code flashsale demo} (a picocli mixin), and
 * the run-and-report sequence both use.
 */
public final class LoadOptions
{
    /** Exit code: run finished and the audit passed (or was skipped). */
    public static final int EXIT_OK = 0;
    /** Exit code: the audit found a broken invariant. */
    public static final int EXIT_AUDIT_FAILED = 1;
    /** Exit code: the run could not be carried out (gateway unreachable, bad options). */
    public static final int EXIT_ERROR = 2;

    @Option(names = {"-R", "--rate"}, paramLabel = "PER_SECOND", defaultValue = "10000",
        description = "Peak arrival rate (requests/s at the top of the curve, i.e. the 00:00 " +
            "spike). Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = {"-d", "--duration"}, paramLabel = "TIME", defaultValue = "60s",
        converter = DurationConverter.class,
        description = "Wall-clock time the whole sale day is compressed into (60s, 2m, ...). " +
            "Default: ${DEFAULT-VALUE}.")
    long durationNanos;

    @Option(names = "--profile", paramLabel = "FILE",
        description = "Replace the built-in curve: CSV lines 'hour,relativeRate' (hour 0 = 00:00 on " +
            "11 Nov, negative = " +
            "pre-sale; linear between points) or JSON [{\"hour\":0,\"relativeRate\":1.0},...]. The maximum is scaled " +
            "to --rate.")
    Path profile;

    @Option(names = "--spike", defaultValue = "20", paramLabel = "MULTIPLE",
        description = "Built-in curve: the 00:00 spike as a multiple of the daytime baseline. " +
            "Default: ${DEFAULT-VALUE}.")
    double spike;

    @Option(names = "--evening", defaultValue = "3", paramLabel = "MULTIPLE",
        description = "Built-in curve: evening peak (20:30-22:00) as a multiple of the baseline. " +
            "Default: ${DEFAULT-VALUE}.")
    double evening;

    @Option(names = "--decay-hours", defaultValue = "0.15", paramLabel = "HOURS",
        description = "Built-in curve: time constant of the spike's exponential decay, in sale " +
            "hours. Default: ${DEFAULT-VALUE}.")
    double decayHours;

    @Option(names = {"-c", "--connections"}, defaultValue = "32",
        description = "Keep-alive connections in total. Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(names = "--pipeline", defaultValue = "1", paramLabel = "DEPTH",
        description = "HTTP/1.1 requests in flight per connection (1 = no pipelining). Default: ${DEFAULT-VALUE}.")
    int pipeline;

    @Option(names = {"-t", "--threads"}, defaultValue = "1",
        description = "Client event-loop threads (each paces its share of the schedule). Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--transport", defaultValue = "auto", paramLabel = "auto|epoll|nio",
        description = "Client transport; auto = epoll when available (finer pacing timers). Default: ${DEFAULT-VALUE}.")
    String transport;

    @Option(names = "--users", defaultValue = "100000", description = "Buyer population. Default: ${DEFAULT-VALUE}.")
    long users;

    @Option(names = "--zipf", defaultValue = "1.1", paramLabel = "S",
        description = "SKU popularity skew: rank i drawn with weight 1/(i+1)^S; the scarcest lots rank first. " +
            "Default: ${DEFAULT-VALUE}.")
    double zipf;

    @Option(names = "--bots", defaultValue = "0.02", paramLabel = "SHARE",
        description = "Share of arrivals from bots (users/1000 of them, each after one SKU) that buy at the " +
            "per-user limit again and again (expect LIMIT_EXCEEDED). Default: ${DEFAULT-VALUE}.")
    double bots;

    @Option(names = "--retry-share", defaultValue = "0.5", paramLabel = "SHARE",
        description = "Share of buyers who retry a 503 (same requestId, exponential backoff). " +
            "Default: ${DEFAULT-VALUE}.")
    double retryShare;

    @Option(names = "--max-retries", defaultValue = "3", description = "Retries per request at " +
        "most. Default: ${DEFAULT-VALUE}.")
    int maxRetries;

    @Option(names = "--retry-backoff", defaultValue = "20ms", converter = DurationConverter.class, paramLabel = "TIME",
        description = "First retry delay, doubled per retry. Default: ${DEFAULT-VALUE}.")
    long retryBackoffNanos;

    @Option(names = "--resubmit-share", defaultValue = "0.05", paramLabel = "SHARE",
        description = "Share of successful buyers who send the same requestId again (double click); each must get " +
            "status 200, \"duplicate\":true and the same orderId, else it counts as a violation. " +
            "Default: ${DEFAULT-VALUE}.")
    double resubmitShare;

    @Option(names = "--resubmit-delay", defaultValue = "10ms", converter = DurationConverter.class, paramLabel = "TIME",
        description = "Delay before the resubmission. Default: ${DEFAULT-VALUE}.")
    long resubmitDelayNanos;

    @Option(names = "--pay-share", defaultValue = "0.6", paramLabel = "SHARE",
        description = "Share of RESERVED orders paid. Default: ${DEFAULT-VALUE}.")
    double payShare;

    @Option(names = "--cancel-share", defaultValue = "0.1", paramLabel = "SHARE",
        description = "Share of RESERVED orders cancelled; the rest are left to expire. Default: ${DEFAULT-VALUE}.")
    double cancelShare;

    @Option(names = "--pay-delay", defaultValue = "300ms", converter = DurationConverter.class, paramLabel = "TIME",
        description = "Mean wall-clock delay before paying or cancelling (uniform 0.5x-1.5x). " +
            "Default: ${DEFAULT-VALUE}.")
    long payDelayNanos;

    @Option(names = "--drain", defaultValue = "10s", converter = DurationConverter.class, paramLabel = "TIME",
        description = "After the schedule ends, how long follow-ups may still go and answers come. " +
            "Default: ${DEFAULT-VALUE}.")
    long drainNanos;

    @Option(names = "--tick", defaultValue = "200us", converter = DurationConverter.class, paramLabel = "TIME",
        description = "Pacing tick of each client thread; sends are late by up to one tick, and that lateness is " +
            "part of the measured latency. Default: ${DEFAULT-VALUE}.")
    long tickNanos;

    @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "TIME",
        description = "Before the measured run: product-page reads and buys of a SKU no sale has (refused " +
            "UNKNOWN_SKU) at half the peak rate, not recorded and touching no stock, so JIT compilation is not " +
            "measured as server latency (0 = none). Default: ${DEFAULT-VALUE}.")
    long warmupNanos;

    @Option(names = "--seed", defaultValue = "11", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--report-dir", defaultValue = "reports", paramLabel = "DIR",
        description = "Where the HTML report and the .hlog go. Default: ${DEFAULT-VALUE}.")
    Path reportDir;

    @Option(names = "--name", paramLabel = "STEM", description = "File name stem of this run's outputs. " +
        "Default: loadgen-<date>-<time>.")
    String name;

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "auto|line|off",
        description = "Live progress: auto = one redrawn line on a terminal, one line per second otherwise. " +
            "Default: ${DEFAULT-VALUE}.")
    String progress;

    @Option(names = "--no-audit", description = "Skip the end-of-run stock and idempotency audit.")
    boolean noAudit;

    /**
     * Replace the sale day's length, e.g. a command's own default when {@code --duration} was not given.
     *
     * @param nanos the compressed day's length in nanoseconds.
     */
    public void durationNanos(final long nanos)
    {
        durationNanos = nanos;
    }

    /**
     * @param stem the outputs' file name stem to use when {@code --name} was not given.
     */
    public void defaultName(final String stem)
    {
        if (name == null)
        {
            name = stem;
        }
    }

    /**
     * @param target gateway base URL.
     * @return the plan these options describe.
     * @throws IOException if the profile file cannot be read.
     */
    public LoadPlan plan(final URI target) throws IOException
    {
        final SaleProfile curve = profile != null ? SaleProfile.load(profile) :
            SaleProfile.builtIn(spike, evening, decayHours);
        final RateSchedule schedule = new RateSchedule(curve, rate, durationNanos);
        final String tag = "lg" + Long.toString(new SplittableRandom().nextLong() >>> 1, 36);
        return new LoadPlan(target, schedule, connections, pipeline, threads, transport.toLowerCase(Locale.ROOT), users,
            zipf, bots, retryShare, maxRetries, retryBackoffNanos, resubmitShare, resubmitDelayNanos, payShare,
            cancelShare, payDelayNanos, drainNanos, tickNanos, seed, tag);
    }

    /**
     * Run the plan, print the report, write the HTML.
     *
     * @param plan what to run.
     * @param out  where to print.
     * @return an exit code ({@link #EXIT_OK}, {@link #EXIT_AUDIT_FAILED} or {@link #EXIT_ERROR}).
     */
    public int runAndReport(final LoadPlan plan, final PrintStream out)
    {
        final String stem = name != null ? name :
            "loadgen-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        try
        {
            out.printf(Locale.ROOT, "flashsale loadgen -> %s: %,d arrivals over %.1f s (peak %,.0f/s), %s%n",
                plan.target(), plan.schedule().totalArrivals(), plan.schedule().durationNanos() / 1e9,
                plan.schedule().peakRate(), plan.schedule().profile().description());
            final RunResult result = new LoadGenerator(plan, reportDir, stem, out, progress, !noAudit)
                .warmup(warmupNanos).run();
            out.print(TextReport.render(result));
            final Path html = reportDir.resolve(stem + ".html");
            HtmlReport.write(result, html);
            out.println("report: " + html.toAbsolutePath());
            out.println("interval log: " + result.hlog().toAbsolutePath() +
                " (HdrHistogram log, microseconds; tags: buy, resubmit, pay, cancel, browse)");
            return result.passed() ? EXIT_OK : EXIT_AUDIT_FAILED;
        }
        catch (final IOException | RuntimeException ex)
        {
            out.println("loadgen failed: " + ex);
            return EXIT_ERROR;
        }
    }
}
