package io.flashsale.bench.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import io.flashsale.gateway.cli.CommandLines;
import io.flashsale.process.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flashsale bench}: runs the engine's JMH suite in forked JVMs that get the Chronicle Queue flags (from
 * {@code /flashsale-jvm.properties}, filtered from the parent pom) plus the heap and GC flags, writes the JMH JSON
 * results to a file and prints a summary table. Defaults are short (a smoke run of a few minutes); the options
 * lengthen it for a real measurement. The main class of {@code flashsale-benchmarks.jar}: the shipped
 * {@code flashsale.jar} carries no JMH and starts that jar for {@code flashsale bench}.
 */
@Command(
    name = BenchCommand.NAME,
    mixinStandardHelpOptions = true,
    description = {
        "Run the JMH suite (engine pipeline, journal append, business logic, order decoder, HTTP end to end) " +
            "in forked JVMs.",
        "Forks get the Chronicle JVM flags from the build plus --jvm-args; results go to a JMH JSON file."})
public final class BenchCommand implements Callable<Integer>
{
    /** The command's name in usage messages: the subcommand of {@code flashsale} it stands for. */
    public static final String NAME = "flashsale bench";

    private static final String JVM_PROPERTIES = "/flashsale-jvm.properties";
    private static final String CHRONICLE_ARGS = "chronicle.jvm.args";
    private static final String ALLOC_NORM = "gc.alloc.rate.norm";

    @Spec
    private CommandSpec spec;

    @Option(names = "--include", paramLabel = "REGEX",
        description = "Benchmarks to run: regex over fully qualified benchmark names (default: ${DEFAULT-VALUE}).")
    private String include = "io\\.flashsale\\.bench\\.jmh\\..*";

    @Option(names = "--forks", paramLabel = "N", description = "Forked JVMs per benchmark (default: ${DEFAULT-VALUE}).")
    private int forks = 1;

    @Option(names = "--warmup", paramLabel = "N", description = "Warm-up iterations (default: ${DEFAULT-VALUE}).")
    private int warmupIterations = 2;

    @Option(names = "--warmup-time", paramLabel = "TIME",
        description = "Length of a warm-up iteration, e.g. 1s, 500ms (default: ${DEFAULT-VALUE}).")
    private String warmupTime = "1s";

    @Option(names = "--iterations", paramLabel = "N",
        description = "Measurement iterations (default: ${DEFAULT-VALUE}).")
    private int iterations = 3;

    @Option(names = "--time", paramLabel = "TIME",
        description = "Length of a measurement iteration, e.g. 2s, 10s (default: ${DEFAULT-VALUE}).")
    private String time = "2s";

    @Option(names = "--prof", paramLabel = "PROFILER",
        description = {"JMH profiler, repeatable: gc (allocation per op), stack, jfr, ... ",
            "Options after a colon, e.g. stack:lines=5."})
    private List<String> profilers = new ArrayList<>();

    @Option(names = "--param", paramLabel = "NAME=V1,V2",
        description = {"Override a benchmark @Param, repeatable, e.g. --param waitStrategy=YIELDING",
            "or --param skus=zipf,hot."})
    private List<String> params = new ArrayList<>();

    @Option(names = "--jvm-args", paramLabel = "ARGS",
        description = {"Heap and GC flags of the forks, added after the Chronicle flags (default: ${DEFAULT-VALUE}).",
            "Replaces the default; quote several flags as one argument."})
    private String jvmArgs = "-Xmx2g -XX:+UseParallelGC -XX:+UseTransparentHugePages";

    @Option(names = "--output", paramLabel = "FILE",
        description = "JMH JSON results file (default: bench-results/jmh-<timestamp>.json).")
    private Path output;

    /**
     * @param args {@code flashsale bench} options.
     */
    public static void main(final String[] args)
    {
        System.exit(CommandLines.configure(new CommandLine(new BenchCommand())).execute(args));
    }

    @Override
    public Integer call() throws RunnerException
    {
        final TimeValue warmupLength = timeValue("--warmup-time", warmupTime);
        final TimeValue measurementLength = timeValue("--time", time);
        checkCounts();
        checkParams();
        checkInclude();
        final Path resultFile = output != null ? output : Path.of("bench-results",
            "jmh-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        createParent(resultFile);
        final List<String> forkArgs = new ArrayList<>(splitFlags(chronicleJvmArgs()));
        forkArgs.addAll(splitFlags(jvmArgs));

        final ChainedOptionsBuilder options = new OptionsBuilder()
            .include(include)
            .forks(forks)
            .warmupIterations(warmupIterations)
            .warmupTime(warmupLength)
            .measurementIterations(iterations)
            .measurementTime(measurementLength)
            .jvmArgs(forkArgs.toArray(new String[0]))
            .shouldFailOnError(true)
            .resultFormat(ResultFormatType.JSON)
            .result(resultFile.toString());
        for (final String profiler : profilers)
        {
            final int colon = profiler.indexOf(':');
            if (colon < 0)
            {
                options.addProfiler(profiler);
            }
            else
            {
                options.addProfiler(profiler.substring(0, colon), profiler.substring(colon + 1));
            }
        }
        for (final String param : params)
        {
            final int equals = param.indexOf('=');
            options.param(param.substring(0, equals), param.substring(equals + 1).split(","));
        }

        final Collection<RunResult> results = new Runner(options.build()).run();
        printSummary(results);
        System.out.println("JMH JSON results: " + resultFile.toAbsolutePath());
        return results.isEmpty() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    private TimeValue timeValue(final String option, final String value)
    {
        try
        {
            final TimeValue parsed = TimeValue.fromString(value);
            if (parsed.getTime() <= 0)
            {
                throw new IllegalArgumentException("not positive");
            }
            return parsed;
        }
        catch (final IllegalArgumentException ex)
        {
            throw CommandLines.badInput(spec, option + " must be a positive time such as 500ms, 2s or 1min, got '" +
                value + "'");
        }
    }

    private void checkCounts()
    {
        if (forks < 0 || warmupIterations < 0 || iterations < 1)
        {
            throw CommandLines.badInput(spec, "--forks and --warmup must be 0 or more and --iterations 1 or more, " +
                "got " + forks + ", " + warmupIterations + " and " + iterations);
        }
    }

    private void checkParams()
    {
        for (final String param : params)
        {
            final int equals = param.indexOf('=');
            if (equals <= 0 || equals == param.length() - 1)
            {
                throw CommandLines.badInput(spec, "--param needs NAME=VALUE[,VALUE...], got '" + param + "'");
            }
        }
    }

    private void checkInclude()
    {
        final boolean none;
        try
        {
            none = BenchmarkList.defaultList().find(
                OutputFormatFactory.createFormatInstance(System.err, VerboseMode.SILENT), List.of(include),
                List.of()).isEmpty();
        }
        catch (final java.util.regex.PatternSyntaxException ex)
        {
            throw CommandLines.badInput(spec, "--include is not a valid regex: " + ex.getDescription());
        }
        if (none)
        {
            throw CommandLines.badInput(spec, "--include '" + include + "' matches no benchmark (names look like " +
                "io.flashsale.bench.jmh.PipelineThroughputBenchmark.buyBatch)");
        }
    }

    private static void createParent(final Path file)
    {
        final Path parent = file.toAbsolutePath().getParent();
        try
        {
            Files.createDirectories(parent);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + parent, ex);
        }
    }

    /**
     * @return the Chronicle Queue JVM flags the build wrote into {@value #JVM_PROPERTIES}.
     */
    static String chronicleJvmArgs()
    {
        try (InputStream in = BenchCommand.class.getResourceAsStream(JVM_PROPERTIES))
        {
            if (in == null)
            {
                throw new IllegalStateException(JVM_PROPERTIES + " is missing from the classpath (build with mvn)");
            }
            final Properties properties = new Properties();
            properties.load(in);
            final String args = properties.getProperty(CHRONICLE_ARGS, "");
            if (args.isBlank() || args.contains("${"))
            {
                throw new IllegalStateException(JVM_PROPERTIES + " has no filtered " + CHRONICLE_ARGS + ": " + args);
            }
            return args;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<String> splitFlags(final String flags)
    {
        final List<String> list = new ArrayList<>();
        for (final String flag : flags.trim().split("\\s+"))
        {
            if (!flag.isEmpty())
            {
                list.add(flag);
            }
        }
        return list;
    }

    private static void printSummary(final Collection<RunResult> results)
    {
        final String format = "%-50s %-40s %16s %14s %-8s %12s%n";
        System.out.println();
        System.out.printf(format, "benchmark", "params", "score", "error", "unit", "alloc B/op");
        for (final RunResult run : results)
        {
            final Result<?> primary = run.getPrimaryResult();
            final Result<?> alloc = run.getSecondaryResults().get(ALLOC_NORM);
            System.out.printf(format,
                shortName(run.getParams().getBenchmark()),
                params(run),
                String.format("%,.0f", primary.getScore()),
                Double.isNaN(primary.getScoreError()) ? "" : String.format("± %,.0f", primary.getScoreError()),
                primary.getScoreUnit(),
                alloc == null ? "-" : String.format("%.2f", alloc.getScore()));
        }
    }

    private static String shortName(final String benchmark)
    {
        final int method = benchmark.lastIndexOf('.');
        final int type = benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(type + 1);
    }

    private static String params(final RunResult run)
    {
        final StringBuilder text = new StringBuilder();
        for (final String key : run.getParams().getParamsKeys())
        {
            text.append(text.length() == 0 ? "" : " ").append(key).append('=').append(run.getParams().getParam(key));
        }
        return text.toString();
    }
}
