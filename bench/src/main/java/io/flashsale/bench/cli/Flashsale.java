package io.flashsale.bench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code flashsale} command line: one entry point for every subcommand (node, load generator, benchmarks,
 * tools). Each subcommand lives beside the code it drives; this class only lists them.
 */
@Command(
    name = "flashsale",
    mixinStandardHelpOptions = true,
    version = "flashsale 0.1.0",
    description = "Singles' Day flash-sale order engine: run a node, drive it, measure it.",
    subcommands = {
        CommandLine.HelpCommand.class,
        io.flashsale.gateway.cli.RunCommand.class,
        io.flashsale.bench.loadgen.LoadgenCommand.class,
        io.flashsale.bench.loadgen.DemoCommand.class,
        BenchCommand.class,
        AuditCommand.class,
        ExportCommand.class,
        io.flashsale.bench.crash.CrashCommand.class,
    })
public final class Flashsale
{
    private Flashsale()
    {
    }

    /**
     * @return the command line with every subcommand, ready to {@code execute}.
     */
    public static CommandLine commandLine()
    {
        return new CommandLine(new Flashsale());
    }

    /**
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        System.exit(commandLine().execute(args));
    }
}
