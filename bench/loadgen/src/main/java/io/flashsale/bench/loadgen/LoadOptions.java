package io.flashsale.bench.loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import io.flashsale.process.DurationConverter;
import io.flashsale.process.ExitCodes;
import io.flashsale.process.SchedulingOptions;
import io.flashsale.process.ThreadScheduling;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The load-generator options shared by {@code flashsale loadgen} and {@code flashsale demo} (a picocli mixin), and
 * the run-and-report sequence both use.
 */
public final class LoadOptions
{
    private static final double DEFAULT_PEAK = 10_000;
    private static final double DEFAULT_SPIKE = 20;
    private static final double DEFAULT_EVENING = 3;
    private static final double DEFAULT_DECAY_HOURS = 0.15;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = {"-R", "--rate"}, paramLabel = "PER_SECOND",
        description = "Constant arrival rate, wrk2's -R: the same requests/s from the first to the last second, " +
            "every arrival a buy (sale clock 00:00-24:00, no pre-sale). Not with --peak.")
    Double rate;

    @Option(names = "--peak", paramLabel = "PER_SECOND",
        description = "The sale-day curve (built in, or --profile) scaled so that its busiest second offers this " +
            "many arrivals; the curve's instantaneous top is higher when its spike is shorter than a second of run " +
            "time (the header shows both). Default when neither --rate nor --peak is given: 10000.")
    Double peak;

    @Option(names = {"-d", "--duration"}, paramLabel = "TIME", defaultValue = "60s",
        converter = DurationConverter.class,
        description = "Wall-clock time the whole sale day is compressed into (60s, 2m, ...). " +
            "Default: ${DEFAULT-VALUE}.")
    long durationNanos;

    @Option(names = "--profile", paramLabel = "FILE",
        description = "Replace the built-in curve: CSV lines 'hour,relativeRate' (hour 0 = 00:00 on " +
            "11 Nov, negative = " +
            "pre-sale; linear between points) or JSON [{\"hour\":0,\"relativeRate\":1.0},...]. Scaled by --peak; " +
            "not with --rate.")
    Path profile;

    @Option(names = "--spike", paramLabel = "MULTIPLE",
        description = "Built-in curve: the 00:00 spike as a multiple of the daytime baseline. Default: 20.")
    Double spike;

    @Option(names = "--evening", paramLabel = "MULTIPLE",
        description = "Built-in curve: evening peak (20:30-22:00) as a multiple of the baseline. Default: 3.")
    Double evening;

    @Option(names = "--decay-hours", paramLabel = "HOURS",
        description = "Built-in curve: time constant of the spike's exponential decay, in sale hours. Default: 0.15.")
    Double decayHours;

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
        converter = OptionConverters.Transport.class,
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

    @Mixin
    SchedulingOptions schedulingOptions = new SchedulingOptions();

    private ThreadScheduling scheduling = ThreadScheduling.kernelDefault();
    private boolean idleCompilerThreads;

    @Option(names = "--tick", defaultValue = "200us", converter = DurationConverter.class, paramLabel = "TIME",
        description = "Housekeeping tick of each client thread (drain, abandoned follow-ups, the end of the run); " +
            "each send is woken at its own due time, and any lateness is part of the measured latency (send lag). " +
            "Default: ${DEFAULT-VALUE}.")
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
        converter = OptionConverters.Progress.class,
        description = "Live progress: auto = one redrawn line on a terminal, one line per second otherwise. " +
            "Default: ${DEFAULT-VALUE}.")
    String progress;

    @Option(names = "--no-audit", description = "Skip the end-of-run stock and idempotency audit.")
    boolean noAudit;

    @Option(names = "--threshold", paramLabel = "EXPR", converter = Threshold.Converter.class,
        description = "Pass/fail condition, repeatable: [SCOPE:]METRIC<LIMIT. SCOPE: a request kind (buy, resubmit, " +
            "pay, cancel, browse), a phase (presale, spike, daytime, evening, close), KIND@PHASE, or none (every " +
            "answer). METRIC: any percentile (p50, p99, p99.9, ...), max or mean against a time (10ms, 250us, 1s), " +
            "or errors (share of answers that were errors: shed, unavailable, dropped, malformed) against a " +
            "percentage. E.g. --threshold 'buy:p99<10ms' --threshold 'spike:p99.9<50ms' --threshold 'errors<1%%'. " +
            "Exit code 3 when one fails (1 if the audit failed).")
    List<Threshold> thresholds = new ArrayList<>();

    @Option(names = "--summary-json", paramLabel = "FILE",
        description = "Also write the run's summary as JSON: offered and achieved rates, percentiles per phase, " +
            "kind and outcome, error shares, thresholds, audit, per-second samples, and the full histograms " +
            "(what 'loadgen merge' adds up). With --part the default is <report-dir>/<name>.summary.json.")
    Path summaryJson;

    @Option(names = "--part", paramLabel = "i/N", converter = Part.Converter.class,
        description = "Run part i of N generators sharing one schedule (on N machines): this one sends every N-th " +
            "arrival and buys as every N-th buyer, at 1/N of the rate; needs --start-at (the same on every part). " +
            "Writes <name>.hlog, <name>.summary.json and <name>.ledger.json; the stock audit is left to " +
            "'flashsale loadgen merge'.")
    Part part;

    @Option(names = "--start-at", paramLabel = "ISO|EPOCH_MS", converter = OptionConverters.StartTime.class,
        description = "Wall-clock instant of the schedule's time 0, e.g. 2026-11-27T13:30:00Z or epoch milliseconds: " +
            "the clock origin all parts agree on (clocks synchronised by NTP). Must lie far enough ahead for the " +
            "warm-up and the connections. Default: 100 ms after the connections are up.")
    Long startAt;

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
     * @return true if {@code --part} or {@code --start-at} was given (one generator among several of one sale).
     */
    public boolean partOfSeveral()
    {
        return part != null || startAt != null;
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
     * @return how the client event loops are scheduled, as {@link #validate()} resolved it.
     */
    public ThreadScheduling scheduling()
    {
        return scheduling;
    }

    /**
     * @return true if the JIT compiler threads are to run {@code SCHED_IDLE} once warm ({@code --jit-threads}), as
     *         {@link #validate()} resolved it.
     */
    public boolean idleCompilerThreads()
    {
        return idleCompilerThreads;
    }

    /**
     * Check the options that picocli cannot check alone (ranges, files, combinations); call before anything is created.
     *
     * @throws ParameterException with a one-line reason (exit code 2).
     */
    public void validate()
    {
        if (rate != null && peak != null)
        {
            throw usage("--rate (constant) and --peak (the sale-day curve) exclude each other");
        }
        if (rate != null && (profile != null || spike != null || evening != null || decayHours != null))
        {
            throw usage("--profile, --spike, --evening and --decay-hours shape the --peak curve; --rate is constant");
        }
        final double top = rate != null ? rate : peak != null ? peak : DEFAULT_PEAK;
        if (!(top > 0) || Double.isInfinite(top))
        {
            throw usage((rate != null ? "--rate" : "--peak") + " must be a positive number of arrivals per second, " +
                "got " + top);
        }
        if (durationNanos <= 0)
        {
            throw usage("--duration must be positive, e.g. 60s");
        }
        if (profile != null && !Files.isReadable(profile))
        {
            throw usage("--profile " + profile + ": no such readable file");
        }
        if (part != null && part.isPartial() && startAt == null)
        {
            throw usage("--part " + part + " needs --start-at: the parts must share the schedule's clock origin");
        }
        if (startAt != null && startAt < System.currentTimeMillis() + warmupNanos / 1_000_000)
        {
            throw usage("--start-at " + Instant.ofEpochMilli(startAt) + " is not after now + --warmup (" +
                Instant.now() + " + " + warmupNanos / 1_000_000_000.0 + " s)");
        }
        if (connections < 1 || pipeline < 1 || threads < 1 || users < 1 || maxRetries < 0 || threads > connections)
        {
            throw usage("--connections, --pipeline, --threads and --users must be >= 1 (and --threads <= " +
                "--connections), --max-retries >= 0");
        }
        for (final double share : new double[]{bots, retryShare, resubmitShare, payShare, cancelShare})
        {
            if (!(share >= 0 && share <= 1))
            {
                throw usage("--bots, --retry-share, --resubmit-share, --pay-share and --cancel-share lie in [0, 1]");
            }
        }
        if (payShare + cancelShare > 1)
        {
            throw usage("--pay-share + --cancel-share must be <= 1");
        }
        if (tickNanos <= 0)
        {
            throw usage("--tick must be positive");
        }
        scheduling = schedulingOptions.resolve(mixee.commandLine(), System.err::println);
        idleCompilerThreads = schedulingOptions.idleCompilerThreads(mixee.commandLine());
    }

    private ParameterException usage(final String message)
    {
        return new ParameterException(mixee.commandLine(), message);
    }

    /**
     * @param target gateway base URL.
     * @return the plan these options describe.
     * @throws ParameterException if the options are inconsistent or the profile file does not parse.
     */
    public LoadPlan plan(final URI target)
    {
        validate();
        if (!"http".equalsIgnoreCase(target.getScheme()) || target.getHost() == null)
        {
            throw usage("--url " + target + ": expected http://HOST[:PORT]");
        }
        final RateSchedule schedule;
        try
        {
            if (rate != null)
            {
                schedule = RateSchedule.constant(rate, durationNanos);
            }
            else
            {
                final SaleProfile curve = profile != null ? SaleProfile.load(profile) : SaleProfile.builtIn(
                    spike != null ? spike : DEFAULT_SPIKE, evening != null ? evening : DEFAULT_EVENING,
                    decayHours != null ? decayHours : DEFAULT_DECAY_HOURS);
                schedule = RateSchedule.peak(curve, peak != null ? peak : DEFAULT_PEAK, durationNanos);
            }
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            throw usage((profile != null ? "--profile " + profile + ": " : "") + ex.getMessage());
        }
        final String tag = "lg" + Long.toString(new SplittableRandom().nextLong() >>> 1, 36);
        try
        {
            return new LoadPlan(target, schedule, connections, pipeline, threads, transport, users, zipf, bots,
                retryShare, maxRetries, retryBackoffNanos, resubmitShare, resubmitDelayNanos, payShare, cancelShare,
                payDelayNanos, drainNanos, tickNanos, seed, tag, part != null ? part : Part.WHOLE,
                startAt != null ? startAt : -1);
        }
        catch (final IllegalArgumentException ex)
        {
            throw usage(ex.getMessage());
        }
    }

    /**
     * Run the plan; print the report; write the HTML report, the summary (when asked for, or for a part) and a
     * part's ledger; evaluate the thresholds.
     *
     * @param plan what to run.
     * @param out  where to print.
     * @return an exit code ({@link ExitCodes}).
     */
    public int runAndReport(final LoadPlan plan, final PrintStream out)
    {
        final String stem = name != null ? name :
            "loadgen-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) +
                (plan.part().isPartial() ? "-part" + plan.part().index() + "of" + plan.part().count() : "");
        try
        {
            out.printf(Locale.ROOT, "flashsale loadgen -> %s: %s; %,d arrivals over %.1f s%s%n", plan.target(),
                plan.schedule().describe(), plan.schedule().totalArrivals(), plan.schedule().durationNanos() / 1e9,
                plan.part().isPartial() ? String.format(Locale.ROOT, "; part %s sends one arrival in %d, from %s",
                    plan.part(), plan.part().count(), Instant.ofEpochMilli(plan.startEpochMillis())) : "");
            final RunResult run = new LoadGenerator(plan, reportDir, stem, out, progress, !noAudit)
                .warmup(warmupNanos).scheduling(scheduling)
                .idleCompilerThreads(idleCompilerThreads).run();
            final RunResult result = run.withThresholds(RunOutputs.evaluate(thresholds, run));
            RunOutputs.write(result, reportDir, stem, summaryJson, out);
            return result.exitCode();
        }
        catch (final IOException | RuntimeException ex)
        {
            System.err.println("flashsale loadgen: " + (ex instanceof IOException && ex.getMessage() != null ?
                ex.getMessage() : ex.toString()));
            return ExitCodes.USAGE;
        }
    }
}
