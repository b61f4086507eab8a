package io.flashsale.cluster.config;

/**
 * A cluster file or configuration that cannot be used; the message is one line naming the fault, fit to print.
 */
public final class ClusterConfigException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming the fault.
     */
    public ClusterConfigException(final String message)
    {
        super(message);
    }
}
