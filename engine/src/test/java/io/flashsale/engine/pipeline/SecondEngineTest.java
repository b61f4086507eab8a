package io.flashsale.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.engine.journal.DataDirectoryLock;
import io.flashsale.engine.journal.DataDirectoryLockedException;

/**
 * An engine locks its data directory before it reads or creates anything there: a second engine on the same
 * directory is refused without touching a file, and a restart after close gets the directory back.
 */
class SecondEngineTest
{
    @TempDir
    Path root;

    private static List<String> listing(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.walk(dir))
        {
            return files.map(p -> dir.relativize(p) + " " + p.toFile().length() + " " + p.toFile().lastModified())
                .sorted().collect(Collectors.toList());
        }
    }

    private static EngineConfig config(final Path dir)
    {
        return new EngineConfig().dataDirectory(dir).tickIntervalMillis(0);
    }

    @Test
    void shouldRefuseASecondEngineOnTheSameDirectoryBeforeItCreatesAnything() throws Exception
    {
        final Path dir = root.resolve("data");
        try (Engine engine = Engine.start(config(dir), result -> { }))
        {
            assertEquals(0, engine.recovery().orders());
            final List<String> before = listing(dir);
            final DataDirectoryLockedException refused = assertThrows(DataDirectoryLockedException.class,
                () -> Engine.start(config(dir), result -> { }));
            assertEquals(ProcessHandle.current().pid(), refused.holderPid());
            assertEquals(dir.toAbsolutePath(), refused.directory());
            assertEquals(before, listing(dir), "the refused engine touched nothing");
        }
        try (Engine restarted = Engine.start(config(dir), result -> { }))
        {
            assertEquals(0, restarted.recovery().orders());
        }
    }

    @Test
    void shouldRefuseALockOnAnotherDirectory()
    {
        try (DataDirectoryLock other = DataDirectoryLock.acquire(root.resolve("other")))
        {
            assertThrows(IllegalArgumentException.class,
                () -> Engine.start(config(root.resolve("data")), result -> { }, other));
        }
    }
}
