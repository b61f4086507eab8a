package io.flashsale.engine.journal;

import java.nio.file.Path;

/**
 * Another node (another process, or another engine in this JVM) holds the data directory's lock. Nothing in the
 * directory was read or written by the refused attempt; the message names the directory and the holder's pid, fit to
 * be shown to an operator as it is.
 */
public final class DataDirectoryLockedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final transient Path directory;
    private final long holderPid;

    /**
     * @param directory the data directory (absolute).
     * @param holderPid pid of the holding process as written in its lock file, or -1 if it could not be read.
     */
    public DataDirectoryLockedException(final Path directory, final long holderPid)
    {
        super("data directory " + directory + " is in use by another node (pid " +
            (holderPid > 0 ? Long.toString(holderPid) : "unknown") + ")");
        this.directory = directory;
        this.holderPid = holderPid;
    }

    /**
     * @return the data directory (absolute).
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * @return pid of the process holding the lock, or -1 if its lock file did not (yet) name one.
     */
    public long holderPid()
    {
        return holderPid;
    }
}
