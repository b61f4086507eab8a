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
}
