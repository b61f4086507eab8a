package io.flashsale.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.flashsale.bench.jmh.BenchCommand;
import io.flashsale.gateway.cli.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The README and the command line agree: every command the README names answers {@code --help}, every flag written
 * after {@code flashsale <command>} is one of that command's options, and every flag the README mentions on its own
 * is an option of some command.
 */
class ReadmeFlagsTest
{
    private static final Pattern FENCE = Pattern.compile("(?ms)^```[^\\n]*\\n(.*?)^```");
    private static final Pattern SPAN = Pattern.compile("`([^`\\n]+(?:\\n[^`\\n]+)*)`");
    private static final Pattern COMMAND =
        Pattern.compile("(?<![\\w/.-])(?:\\./)?flashsale(?![\\w.-])((?:\\s+[^\\s|`]+)*)");
    private static final Pattern FLAG = Pattern.compile("(?<![\\w-])(--[a-z][a-z0-9-]*)");

    /** One use of a command in the README: its words after {@code flashsale} (not a quoted error line). */
    private record Use(List<String> words, String where)
    {
    }

    private static String readme() throws IOException
    {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("README.md")))
        {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "README.md above " + Path.of("").toAbsolutePath());
        return Files.readString(dir.resolve("README.md"));
    }

    /**
     * @return command texts: every fenced code line that runs {@code ./flashsale} (not, say, a file tree naming the
     *         launcher) and every inline code span, newlines folded.
     */
    private static List<String> codeTexts(final String readme)
    {
        final List<String> texts = new ArrayList<>();
        final Matcher fences = FENCE.matcher(readme);
        final StringBuilder prose = new StringBuilder();
        int last = 0;
        while (fences.find())
        {
            fences.group(1).lines().filter(line -> line.contains("./flashsale")).forEach(texts::add);
            prose.append(readme, last, fences.start());
            last = fences.end();
        }
        prose.append(readme.substring(last));
        final Matcher spans = SPAN.matcher(prose);
        while (spans.find())
        {
            texts.add(spans.group(1).replace('\n', ' '));
        }
        return texts;
    }

    private static List<Use> uses(final List<String> texts)
    {
        final List<Use> uses = new ArrayList<>();
        for (final String text : texts)
        {
            final Matcher m = COMMAND.matcher(text);
            while (m.find())
            {
                final List<String> words = new ArrayList<>(List.of(m.group(1).trim().split("\\s+")));
                words.removeIf(String::isEmpty);
                if (words.isEmpty() || !words.get(0).endsWith(":"))
                {
                    uses.add(new Use(words, text));
                }
            }
        }
        return uses;
    }

    private static CommandSpec benchSpec()
    {
        return CommandLines.configure(new CommandLine(new BenchCommand())).getCommandSpec();
    }

    /**
     * @return the command a use names ({@code bench} is the benchmarks jar's command), or null for the top level.
     */
    private static CommandSpec commandOf(final CommandLine flashsale, final List<String> words)
    {
        if (words.isEmpty() || words.get(0).startsWith("-"))
        {
            return flashsale.getCommandSpec();
        }
        if (words.get(0).equals("bench"))
        {
            return benchSpec();
        }
        CommandLine command = flashsale.getSubcommands().get(words.get(0));
        if (command == null)
        {
            return null;
        }
        for (int i = 1; i < words.size() && command.getSubcommands().containsKey(words.get(i)); i++)
        {
            command = command.getSubcommands().get(words.get(i));
        }
        return command.getCommandSpec();
    }

    private static Set<String> optionNames(final CommandSpec spec)
    {
        final Set<String> names = new TreeSet<>();
        for (final OptionSpec option : spec.options())
        {
            names.addAll(List.of(option.names()));
        }
        return names;
    }

    @Test
    void shouldHaveEveryFlagTheReadmeWritesAfterACommand() throws IOException
    {
        final CommandLine flashsale = Flashsale.commandLine();
        final List<Use> uses = uses(codeTexts(readme()));
        assertTrue(uses.size() >= 20, "the README's commands were found: " + uses);
        final List<String> wrong = new ArrayList<>();
        for (final Use use : uses)
        {
            final CommandSpec spec = commandOf(flashsale, use.words());
            if (spec == null)
            {
                wrong.add("no command '" + use.words().get(0) + "' in: " + use.where());
                continue;
            }
            final Set<String> options = optionNames(spec);
            for (final String word : use.words())
            {
                final Matcher flag = FLAG.matcher(word.replaceFirst("^[\\[(]+", ""));
                if (flag.lookingAt() && !options.contains(flag.group(1)))
                {
                    wrong.add(spec.qualifiedName() + " has no " + flag.group(1) + " (README: " + use.where() + ")");
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void shouldHaveEveryFlagTheReadmeNamesOnItsOwn() throws IOException
    {
        final CommandLine flashsale = Flashsale.commandLine();
        final Set<String> all = new TreeSet<>(optionNames(benchSpec()));
        for (final CommandLine command : flashsale.getSubcommands().values())
        {
            all.addAll(optionNames(command.getCommandSpec()));
            command.getSubcommands().values().forEach(sub -> all.addAll(optionNames(sub.getCommandSpec())));
        }
        final Set<String> wrong = new LinkedHashSet<>();
        for (final String text : codeTexts(readme()))
        {
            if (text.startsWith("--") || text.contains("_OPTS=\""))
            {
                final Matcher flag = FLAG.matcher(text);
                while (flag.find())
                {
                    if (!all.contains(flag.group(1)))
                    {
                        wrong.add(flag.group(1) + " (README: " + text + ")");
                    }
                }
            }
        }
        assertEquals(Set.of(), wrong);
    }

    @Test
    void shouldAnswerHelpForEveryCommandInTheReadmesTables() throws IOException
    {
        final List<String> rows = readme().lines().filter(line -> line.startsWith("|")).toList();
        final Set<String> commands = new TreeSet<>();
        for (final Use use : uses(codeTexts(String.join("\n", rows))))
        {
            if (!use.words().isEmpty() && !use.words().get(0).startsWith("-"))
            {
                commands.add(use.words().get(0));
            }
        }
        assertTrue(commands.containsAll(List.of("run", "demo", "loadgen", "audit", "export", "crash", "bench")),
            commands.toString());
        for (final String command : commands)
        {
            final StringWriter out = new StringWriter();
            final StringWriter err = new StringWriter();
            final CommandLine cli = command.equals("bench") ?
                CommandLines.configure(new CommandLine(new BenchCommand())) : Flashsale.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            final int exit = command.equals("bench") ? cli.execute("--help") : cli.execute(command, "--help");
            assertEquals(0, exit, command + ": " + err);
            assertTrue(out.toString().startsWith("Usage: flashsale"), command + ": " + out);
            assertFalse((out.toString() + err).contains("picocli WARN"), command + ": " + out + err);
        }
    }
}
