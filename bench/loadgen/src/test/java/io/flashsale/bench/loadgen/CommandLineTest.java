package io.flashsale.bench.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class CommandLineTest
{
    @Test
    void shouldDocumentEveryOptionAndHowLatencyIsMeasured()
    {
        final CommandLine cli = new CommandLine(new LoadgenCommand());
        final String help = cli.getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertTrue(help.contains("coordinated omission"), help);
        assertTrue(help.contains("intended send time"), help);
        for (final CommandLine.Model.OptionSpec option : cli.getCommandSpec().options())
        {
            assertTrue(option.description().length > 0 && !option.description()[0].isBlank(),
                "undocumented option " + option.longestName());
        }
    }

    @Test
    void shouldExitWithTwoWhenNoGatewayAnswers(@TempDir final Path dir)
    {
        final PrintStream original = System.out;
        final int exit;
        try
        {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            exit = new CommandLine(new LoadgenCommand()).execute("--url", "http://127.0.0.1:1", "--duration", "1s",
                "--report-dir", dir.toString());
        }
        finally
        {
            System.setOut(original);
        }
        assertEquals(LoadOptions.EXIT_ERROR, exit);
    }
}
