package io.flashsale.engine.snapshot;

/**
 * A snapshot file is damaged (bad magic, version, checksum or truncated). The store then falls back to an older
 * snapshot or to full replay of the journal.
 */
public final class SnapshotCorruptedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong and where.
     * @param cause   underlying error, may be null.
     */
    public SnapshotCorruptedException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
