package io.flashsale.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The threads of this process as Linux lists them in {@code /proc/self/task}.
 */
final class ProcTasks
{
    /** Field of {@code /proc/<tid>/stat}: the real-time priority. */
    static final int RT_PRIORITY = 40;
    /** Field of {@code /proc/<tid>/stat}: the scheduling policy. */
    static final int POLICY = 41;
    private static final int COMM_LENGTH = 15;

    private ProcTasks()
    {
    }

    /**
     * @param threadName a thread's name (the kernel keeps its first 15 characters).
     * @return the {@code /proc} directory of the first thread of that name, or null if none.
     * @throws IOException if {@code /proc} cannot be read.
     */
    static Path find(final String threadName) throws IOException
    {
        final String name = threadName.length() > COMM_LENGTH ? threadName.substring(0, COMM_LENGTH) : threadName;
        try (var tasks = Files.list(Path.of("/proc/self/task")))
        {
            for (final Path task : (Iterable<Path>)tasks::iterator)
            {
                try
                {
                    if (Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip().equals(name))
                    {
                        return task;
                    }
                }
                catch (final NoSuchFileException ex)
                {
                    continue; // the thread ended meanwhile
                }
            }
        }
        return null;
    }

    /**
     * @param task  a thread's {@code /proc} directory.
     * @param field the field of its {@code stat}, numbered from 1 as in proc(5) (3 or later).
     * @return that field.
     * @throws IOException if the thread is gone or {@code /proc} cannot be read.
     */
    static String statField(final Path task, final int field) throws IOException
    {
        final String stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
        // the fields after the parenthesised name (which may hold spaces) start with the state, field 3
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[field - 3];
    }
}
