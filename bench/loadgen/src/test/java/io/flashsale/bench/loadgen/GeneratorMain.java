package io.flashsale.bench.loadgen;

import picocli.CommandLine;

/**
 * {@code flashsale loadgen} as the main class of its own JVM, for tests that run several generator processes.
 */
public final class GeneratorMain
{
    private GeneratorMain()
    {
    }

    /**
     * @param args the loadgen command line.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new LoadgenCommand()).execute(args));
    }
}
