package io.flashsale.engine.support;

import java.nio.file.Path;

import io.flashsale.engine.journal.DataDirectoryLock;
import io.flashsale.engine.journal.DataDirectoryLockedException;

/**
 * A second process that tries to lock a data directory: exits 0 if it got (and released) the lock, 2 with the
 * refusal's message on standard error if another process holds it. Run it with {@link #command(Path)}.
 */
public final class LockProbe
{
    /** Exit code when the directory was locked by another process. */
    public static final int LOCKED = 2;

    private LockProbe()
    {
    }

    /**
     * @param dataDirectory the directory to try.
     * @return the command line running this probe in a new JVM on the test class path.
     */
    public static ProcessBuilder command(final Path dataDirectory)
    {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), LockProbe.class.getName(), dataDirectory.toString());
    }

    /**
     * @param args the data directory.
     */
    public static void main(final String[] args)
    {
        try (DataDirectoryLock lock = DataDirectoryLock.acquire(Path.of(args[0])))
        {
            System.out.println("locked " + lock.directory());
        }
        catch (final DataDirectoryLockedException ex)
        {
            System.err.println(ex.getMessage());
            System.exit(LOCKED);
        }
    }
}
