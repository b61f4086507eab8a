package io.flashsale.bench.cli;

import io.flashsale.bench.crash.CrashCommand;
import io.flashsale.bench.loadgen.LoadgenCommand;
import io.flashsale.gateway.cli.CommandLines;
import io.flashsale.gateway.cli.GatewayCommand;
import io.flashsale.gateway.cli.MemberCommand;
import io.flashsale.gateway.cli.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code flashsale} command line, main class of the shipped {@code flashsale.jar}: one entry point for every
 * subcommand (node, cluster member, demo, load generator, tools, crash harness, benchmarks). Each subcommand lives
 * beside the code it drives; this class only lists them. {@code bench} starts the separate benchmarks jar, so no JMH
 * ships here.
 */
@Command(
    name = "flashsale",
    mixinStandardHelpOptions = true,
    version = "flashsale 0.1.0",
    description = {"Singles' Day flash-sale order engine: run a node, drive it, measure it.",
        "Logs go to standard error; standard output carries each command's result."},
    subcommands = {
        CommandLine.HelpCommand.class,
        RunCommand.class,
        MemberCommand.class,
        LoadgenCommand.class,
        DemoCommand.class,
        BenchLauncher.class,
        AuditCommand.class,
        ExportCommand.class,
        CrashCommand.class,
        ClusterCommand.class,
        GatewayCommand.class,
    })
public final class Flashsale
{
    private Flashsale()
    {
    }

    /**
     * @return the command line with every subcommand, ready to {@code execute}: bad input anywhere gives one line on
     *         standard error and exit code 2, enum values are case-insensitive, every {@code --help} lists the exit
     *         codes ({@link CommandLines}).
     */
    public static CommandLine commandLine()
    {
        return CommandLines.configure(new CommandLine(new Flashsale()));
    }

    /**
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        System.exit(commandLine().execute(args));
    }
}
