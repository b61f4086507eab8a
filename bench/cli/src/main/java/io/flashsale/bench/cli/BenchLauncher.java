package io.flashsale.bench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code flashsale bench}: the JMH suite is not in this jar. It lives in {@code flashsale-benchmarks.jar} (module
 * {@code bench/jmh}); this command starts that jar in its own JVM with every argument exactly as given, shares this
 * terminal with it, and exits with its exit code. Its options are therefore that jar's ({@code flashsale bench --help}
 * prints them), and its JMH forks get the Chronicle flags from that jar's build. The jar is the one the system
 * property {@value #JAR_PROPERTY} names (the {@code ./flashsale} launcher sets it), else the one a source tree built
 * beside this jar ({@code bench/jmh/target/}, next to {@code bench/cli/target/}).
 */
@Command(
    name = "bench",
    description = {
        "Run the JMH suite (engine pipeline, journal append, business logic, order decoder, HTTP end to end) " +
            "in forked JVMs, from flashsale-benchmarks.jar (bench/jmh) in its own JVM.",
        "Every argument goes to that jar: 'flashsale bench --help' lists its options."})
public final class BenchLauncher implements Callable<Integer>
{
    /** System property naming the benchmarks jar. */
    public static final String JAR_PROPERTY = "flashsale.benchmarks.jar";
    /** Exit code when the benchmarks jar cannot be found or started. */
    public static final int EXIT_NO_JAR = 2;

    private static final String JAR_NAME = "flashsale-benchmarks.jar";

    @Spec
    private CommandSpec spec;

    @Unmatched
    private List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException
    {
        final Path jar = benchmarksJar();
        if (jar == null || !Files.isRegularFile(jar))
        {
            final PrintWriter err = spec.commandLine().getErr();
            err.println("flashsale bench: " + (jar == null ? JAR_NAME : jar) + " not found: build it " +
                "(mvn -B -DskipTests package, or run ./flashsale) or name it with -D" + JAR_PROPERTY + "=PATH");
            err.flush();
            return EXIT_NO_JAR;
        }
        final Process child;
        try
        {
            child = new ProcessBuilder(command(jar, arguments)).inheritIO().start();
        }
        catch (final IOException ex)
        {
            spec.commandLine().getErr().println("flashsale bench: cannot start " + jar + ": " + ex.getMessage());
            return EXIT_NO_JAR;
        }
        final Thread stopChild = new Thread(child::destroy, "stop-benchmarks");
        Runtime.getRuntime().addShutdownHook(stopChild);
        try
        {
            return child.waitFor();
        }
        finally
        {
            removeHook(stopChild);
        }
    }

    /**
     * @return the arguments given to {@code flashsale bench}, in order, for the benchmarks jar.
     */
    List<String> arguments()
    {
        return arguments;
    }

    /**
     * @param jar       the benchmarks jar.
     * @param arguments its arguments.
     * @return the child JVM's command line: this JVM's {@code java}, then {@code -jar JAR ARGS...}.
     */
    static List<String> command(final Path jar, final List<String> arguments)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(arguments);
        return command;
    }

    /**
     * @return the benchmarks jar: the one {@value #JAR_PROPERTY} names, else {@code ../../jmh/target/} from the
     *         directory this jar (or class directory) is in; null if neither can be worked out.
     */
    static Path benchmarksJar()
    {
        final String named = System.getProperty(JAR_PROPERTY);
        if (named != null && !named.isBlank())
        {
            return Path.of(named);
        }
        final CodeSource source = BenchLauncher.class.getProtectionDomain().getCodeSource();
        if (source == null)
        {
            return null;
        }
        try
        {
            final Path location = Path.of(source.getLocation().toURI());
            final Path target = location.getParent();
            return target == null ? null : target.resolve("../../jmh/target/" + JAR_NAME).normalize();
        }
        catch (final URISyntaxException | IllegalArgumentException ex)
        {
            return null;
        }
    }

    private static void removeHook(final Thread hook)
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ex)
        {
            // this JVM is already shutting down: the hook stops the child
        }
    }
}
