package io.flashsale.gateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

import io.flashsale.cluster.ActiveMarkFileException;
import io.flashsale.cluster.config.ClusterConfigException;
import io.flashsale.engine.journal.DataDirectoryLockedException;
import io.flashsale.engine.journal.JournalCorruptedException;
import io.flashsale.process.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How every {@code flashsale} command line treats bad input, in one place: the top-level {@code flashsale} command and
 * every standalone main ({@code RunCommand}, {@code MemberCommand}, {@code GatewayCommand}, the benchmarks jar) call
 * {@link #configure} on their {@link CommandLine}, which covers all subcommands.
 * <ul>
 *   <li>A parse error, or a {@link ParameterException} a command throws from its own checks: one line on standard
 *       error ({@code flashsale run: <problem> (see 'flashsale run --help')}), exit {@link ExitCodes#USAGE}.</li>
 *   <li>Input the program could not use at run time (a missing, unreadable or malformed file, a value a setter
 *       refused, a port or data directory in use): one line naming it, exit {@link ExitCodes#USAGE}, no stack
 *       trace.</li>
 *   <li>Anything else is a bug: one line, then the stack trace, exit {@link ExitCodes#INTERNAL_ERROR}.</li>
 * </ul>
 * Enum values are case-insensitive, and every command's {@code --help} ends with the exit code list.
 */
public final class CommandLines
{
    private CommandLines()
    {
    }

    /**
     * @param commandLine a command line whose subcommands are all added.
     * @return the same command line, configured.
     */
    public static CommandLine configure(final CommandLine commandLine)
    {
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(CommandLines::onBadArguments);
        commandLine.setExecutionExceptionHandler(CommandLines::onFailure);
        listExitCodes(commandLine);
        return commandLine;
    }

    /**
     * @param spec    the command that refuses its input.
     * @param problem what is wrong, naming the option and the value.
     * @return an exception to throw from the command: {@link #configure}'s handler prints it as one line.
     */
    public static ParameterException badInput(final CommandSpec spec, final String problem)
    {
        return new ParameterException(spec.commandLine(), problem);
    }

    private static void listExitCodes(final CommandLine commandLine)
    {
        final CommandLine.Model.UsageMessageSpec usage = commandLine.getCommandSpec().usageMessage();
        usage.exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.descriptions());
        if (usage.footer().length == 0)
        {
            usage.footer("");
        }
        for (final CommandLine sub : commandLine.getSubcommands().values())
        {
            listExitCodes(sub);
        }
    }

    private static int onBadArguments(final ParameterException ex, final String[] args)
    {
        final CommandLine command = ex.getCommandLine();
        final String message = oneLine(ex.getMessage());
        final StringBuilder line = new StringBuilder(message.endsWith(".") ?
            message.substring(0, message.length() - 1) : message);
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty())
        {
            line.append(" (did you mean ").append(String.join(" or ", unmatched.getSuggestions())).append("?)");
        }
        if (message.startsWith("Missing required subcommand"))
        {
            line.append(": one of ").append(String.join(", ", command.getSubcommands().keySet()));
        }
        final String name = displayName(command);
        line.append("; see '").append(name).append(" --help'");
        return print(command, name + ": " + line, ExitCodes.USAGE);
    }

    private static int onFailure(final Exception ex, final CommandLine command, final ParseResult parsed)
    {
        final String name = displayName(command);
        if (isBadInput(ex))
        {
            return print(command, name + ": " + describe(ex), ExitCodes.USAGE);
        }
        final PrintWriter err = command.getErr();
        err.println(name + ": internal error: " + describe(ex));
        ex.printStackTrace(err);
        err.flush();
        return ExitCodes.INTERNAL_ERROR;
    }

    private static String displayName(final CommandLine command)
    {
        final String name = command.getCommandSpec().qualifiedName();
        return name.startsWith("flashsale") ? name : "flashsale " + name;
    }

    private static int print(final CommandLine command, final String line, final int exitCode)
    {
        final PrintWriter err = command.getErr();
        err.println(line);
        err.flush();
        return exitCode;
    }

    /**
     * @param ex a failure.
     * @return whether it is input the command could not use (rather than a fault of the program).
     */
    static boolean isBadInput(final Throwable ex)
    {
        return ex instanceof IOException || ex instanceof UncheckedIOException ||
            ex instanceof IllegalArgumentException || ex instanceof DataDirectoryLockedException ||
            ex instanceof ClusterConfigException || ex instanceof ActiveMarkFileException ||
            ex instanceof JournalCorruptedException;
    }

    /**
     * @param ex a failure.
     * @return one line saying what went wrong, without Java class names where a reader needs none.
     */
    static String describe(final Throwable ex)
    {
        if (ex instanceof UncheckedIOException && ex.getCause() != null)
        {
            final String context = ex.getMessage();
            final String cause = describe(ex.getCause());
            return context == null || context.equals(ex.getCause().toString()) ? cause : context + ": " + cause;
        }
        if (ex instanceof NoSuchFileException missing)
        {
            return "no such file or directory: " + missing.getFile();
        }
        if (ex instanceof AccessDeniedException denied)
        {
            return "permission denied: " + denied.getFile();
        }
        if (ex instanceof FileAlreadyExistsException exists)
        {
            return "already exists: " + exists.getFile();
        }
        if (ex instanceof NotDirectoryException notDirectory)
        {
            return "not a directory: " + notDirectory.getFile();
        }
        if (ex instanceof FileSystemException fs && fs.getReason() != null)
        {
            return fs.getFile() + ": " + fs.getReason();
        }
        if (ex instanceof BindException)
        {
            return "cannot bind: " + ex.getMessage();
        }
        final String message = ex.getMessage();
        return message == null || message.isBlank() ? ex.getClass().getSimpleName() : oneLine(message);
    }

    private static String oneLine(final String text)
    {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
