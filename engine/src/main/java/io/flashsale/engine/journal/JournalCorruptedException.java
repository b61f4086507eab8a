package io.flashsale.engine.journal;

/**
 * The journal holds bytes that are not a valid record sequence (a torn or overwritten excerpt). Replay stops: the
 * engine refuses to start on a state it cannot prove, and the message says where the damage is.
 */
public final class JournalCorruptedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final long excerptIndex;
    private final long offset;

    /**
     * @param excerptIndex Chronicle Queue index of the damaged excerpt.
     * @param offset       byte offset of the bad record inside the excerpt.
     * @param reason       what is wrong.
     */
    public JournalCorruptedException(final long excerptIndex, final long offset, final String reason)
    {
        super("journal corrupted at excerpt index 0x" + Long.toHexString(excerptIndex) + " offset " + offset +
            ": " + reason);
        this.excerptIndex = excerptIndex;
        this.offset = offset;
    }

    /**
     * @return Chronicle Queue index of the damaged excerpt.
     */
    public long excerptIndex()
    {
        return excerptIndex;
    }

    /**
     * @return byte offset of the bad record inside the excerpt.
     */
    public long offset()
    {
        return offset;
    }
}
