package io.flashsale.engine.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive lock a node holds on its data directory for its whole life: an OS file lock on
 * {@code DIR/node.lock}, which holds the holder's pid as one decimal line. One node per directory; a second node (in
 * another process or in this JVM) is refused at once with a {@link DataDirectoryLockedException} naming the directory
 * and the holder's pid, before it has read or written anything else in the directory. Read-only tools (audit, export)
 * do not take it.
 * <p>
 * The OS releases the lock when the holding process dies, SIGKILL included, so a restart after a crash never finds a
 * stale lock; the file itself stays (its content only means something while it is locked). Deleting it while a node
 * runs defeats the lock: don't.
 * <p>
 * OS file locks belong to the process, and on Linux closing <em>any</em> descriptor of the lock file in the process
 * drops the process's lock. Attempts in one JVM are therefore settled by a JVM-wide table before the file is opened:
 * while this JVM holds the lock, nothing here opens {@code node.lock} again, and nothing else in the JVM should.
 * <p>
 * Thread-safe: {@link #acquire} may race from any threads (one wins); {@link #close()} is idempotent.
 */
public final class DataDirectoryLock implements AutoCloseable
{
    /** Name of the lock file inside the data directory. */
    public static final String FILE_NAME = "node.lock";
    private static final int MAX_PID_BYTES = 32;
    private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final Path key;
    private final FileChannel channel;
    private boolean closed;

    private DataDirectoryLock(final Path directory, final Path key, final FileChannel channel)
    {
        this.directory = directory;
        this.key = key;
        this.channel = channel;
    }

    /**
     * Create the directory if missing, lock it and write this process's pid into the lock file.
     *
     * @param dataDirectory the node's data directory.
     * @return the held lock; close it last, after everything that writes in the directory has stopped.
     * @throws DataDirectoryLockedException if another node holds it (nothing else in the directory was touched).
     * @throws UncheckedIOException if the directory or the lock file cannot be created or locked.
     */
    public static DataDirectoryLock acquire(final Path dataDirectory)
    {
        final Path directory = dataDirectory.toAbsolutePath().normalize();
        final Path key;
        try
        {
            Files.createDirectories(directory);
            key = directory.toRealPath();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open data directory " + directory, ex);
        }
        if (!HELD_IN_THIS_JVM.add(key))
        {
            throw new DataDirectoryLockedException(directory, ProcessHandle.current().pid());
        }
        try
        {
            return lock(directory, key);
        }
        catch (final RuntimeException ex)
        {
            HELD_IN_THIS_JVM.remove(key);
            throw ex;
        }
    }

    private static DataDirectoryLock lock(final Path directory, final Path key)
    {
        final Path file = key.resolve(FILE_NAME);
        FileChannel channel = null;
        try
        {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            if (channel.tryLock() == null)
            {
                final long holder = readPid(channel);
                channel.close();
                throw new DataDirectoryLockedException(directory, holder);
            }
            writePid(channel, ProcessHandle.current().pid());
            return new DataDirectoryLock(directory, key, channel);
        }
        catch (final OverlappingFileLockException ex)
        {
            // Locked through another channel of this JVM, outside this class. Closing ours would drop that lock
            // (one lock per process and file), so the channel is deliberately left open.
            throw new DataDirectoryLockedException(directory, ProcessHandle.current().pid());
        }
        catch (final IOException ex)
        {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + file, ex);
        }
    }

    private static long readPid(final FileChannel channel) throws IOException
    {
        final ByteBuffer bytes = ByteBuffer.allocate(MAX_PID_BYTES);
        int read;
        do
        {
            read = channel.read(bytes, bytes.position());
        }
        while (read > 0 && bytes.hasRemaining());
        final String text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.US_ASCII);
        final int end = text.indexOf('\n');
        try
        {
            return Long.parseLong((end < 0 ? text : text.substring(0, end)).trim());
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    private static void writePid(final FileChannel channel, final long pid) throws IOException
    {
        final ByteBuffer bytes = ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII));
        final long length = bytes.remaining();
        while (bytes.hasRemaining())
        {
            channel.write(bytes, bytes.position());
        }
        channel.truncate(length);
    }

    private static void closeQuietly(final FileChannel channel)
    {
        if (channel == null)
        {
            return;
        }
        try
        {
            channel.close();
        }
        catch (final IOException ignored)
        {
            // the failure being reported matters more
        }
    }

    /**
     * @return the locked data directory (absolute, as given).
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * @param dataDirectory a data directory.
     * @return true if this lock is held and covers {@code dataDirectory} (the same directory, links resolved).
     */
    public synchronized boolean covers(final Path dataDirectory)
    {
        if (closed)
        {
            return false;
        }
        try
        {
            return key.equals(dataDirectory.toRealPath());
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /**
     * Release the lock (closing the lock file releases the OS lock), then this JVM's claim. Idempotent.
     */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot release " + key.resolve(FILE_NAME), ex);
        }
        finally
        {
            HELD_IN_THIS_JVM.remove(key);
        }
    }
}
