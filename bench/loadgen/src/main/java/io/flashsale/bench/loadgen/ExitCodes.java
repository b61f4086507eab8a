package io.flashsale.bench.loadgen;

/**
 * The exit codes of {@code flashsale loadgen}, {@code flashsale loadgen merge} and {@code flashsale demo}; the same
 * numbers every {@code flashsale} command uses.
 */
public final class ExitCodes
{
    /** The run finished, the audit passed (or was skipped) and every threshold held. */
    public static final int OK = 0;
    /** The audit found a broken invariant (wins over a failed threshold). */
    public static final int AUDIT_FAILED = 1;
    /** Bad input: an unknown or out-of-range option, a missing file, an unreachable gateway; nothing was run. */
    public static final int USAGE = 2;
    /** The run finished and passed its audit, but a {@code --threshold} did not hold. */
    public static final int THRESHOLD_FAILED = 3;

    private ExitCodes()
    {
    }
}
