package io.flashsale.process;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of every {@code flashsale} command, in one place. Scripts may rely on them: a code keeps its meaning
 * across releases. {@link CommandLines#configure} lists them in every command's {@code --help}.
 */
public final class ExitCodes
{
    /** The command did what was asked (a check it ran passed). */
    public static final int OK = 0;
    /** A check the command ran failed: the audit found a broken invariant, the crash harness a lost order. */
    public static final int CHECK_FAILED = 1;
    /**
     * Bad input or a refused start: an unknown or malformed option, a value out of range, a missing or unreadable
     * file, a port or data directory in use. One line on standard error names the problem; nothing was created.
     */
    public static final int USAGE = 2;
    /** A load run finished but a {@code --threshold} it was given was not met. */
    public static final int THRESHOLD_FAILED = 3;
    /** A fault in flashsale itself (a bug): the stack trace follows on standard error. */
    public static final int INTERNAL_ERROR = 70;

    private ExitCodes()
    {
    }

    /**
     * @return code -> one-line meaning, in code order, as {@code --help} prints them.
     */
    public static Map<String, String> descriptions()
    {
        final Map<String, String> codes = new LinkedHashMap<>();
        codes.put(Integer.toString(OK), "ok (and every check run passed)");
        codes.put(Integer.toString(CHECK_FAILED), "a check failed (audit, crash harness)");
        codes.put(Integer.toString(USAGE), "bad input or refused start (one line on stderr says why)");
        codes.put(Integer.toString(THRESHOLD_FAILED), "a load threshold was not met");
        codes.put(Integer.toString(INTERNAL_ERROR), "internal error (a bug; stack trace on stderr)");
        return codes;
    }
}
