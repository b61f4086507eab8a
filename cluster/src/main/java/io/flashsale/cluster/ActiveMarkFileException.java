package io.flashsale.cluster;

/**
 * A member could not launch because Aeron mark files in its directories stayed active (their owner kept proving it is
 * alive) for longer than the member waits: another process still runs on those directories. The message is one line
 * naming the file, fit to print.
 */
public final class ActiveMarkFileException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming the file and the wait.
     */
    public ActiveMarkFileException(final String message)
    {
        super(message);
    }
}
