package io.flashsale.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.engine.support.LockProbe;

/**
 * One node per data directory: a second lock in the same JVM or in another process is refused at once, naming the
 * directory and the holder's pid, and the refusal leaves the holder's OS lock in place.
 */
class DataDirectoryLockTest
{
    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path root;

    /**
     * What a probe process said and how it ended.
     *
     * @param exitCode its exit code.
     * @param output   standard output and error.
     */
    private record Probe(int exitCode, String output)
    {
    }

    private static Probe probe(final Path dir) throws IOException, InterruptedException
    {
        final Process process = LockProbe.command(dir).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "probe did not exit");
        return new Probe(process.exitValue(), output);
    }

    private static List<String> listing(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.walk(dir))
        {
            return files.map(p -> dir.relativize(p) + " " + p.toFile().length() + " " + p.toFile().lastModified())
                .sorted().collect(Collectors.toList());
        }
    }

    @Test
    void shouldRefuseASecondLockInTheSameJvmNamingTheDirectoryAndThePid()
    {
        final Path dir = root.resolve("data");
        try (DataDirectoryLock held = DataDirectoryLock.acquire(dir))
        {
            assertEquals(dir.toAbsolutePath(), held.directory());
            final DataDirectoryLockedException refused =
                assertThrows(DataDirectoryLockedException.class, () -> DataDirectoryLock.acquire(dir));
            assertEquals("data directory " + dir.toAbsolutePath() + " is in use by another node (pid " + PID + ")",
                refused.getMessage());
            assertEquals(PID, refused.holderPid());
            final Path sameDirSpeltOtherwise = root.resolve("other").resolve("..").resolve("data");
            assertThrows(DataDirectoryLockedException.class, () -> DataDirectoryLock.acquire(sameDirSpeltOtherwise));
        }
    }

    @Test
    void shouldLockAgainAfterClose() throws Exception
    {
        final Path dir = root.resolve("data");
        final DataDirectoryLock first = DataDirectoryLock.acquire(dir);
        assertTrue(first.covers(dir));
        first.close();
        first.close();
        assertFalse(first.covers(dir), "a released lock covers nothing");
        assertEquals(PID + "\n", Files.readString(dir.resolve(DataDirectoryLock.FILE_NAME)), "the holder's pid");
        try (DataDirectoryLock again = DataDirectoryLock.acquire(dir))
        {
            assertTrue(again.covers(dir));
        }
        final Probe probe = probe(dir);
        assertEquals(0, probe.exitCode(), probe.output());
    }

    @Test
    void shouldRefuseAnotherProcessAndKeepTheLockAfterARefusalInThisJvm() throws Exception
    {
        final Path dir = root.resolve("data");
        try (DataDirectoryLock held = DataDirectoryLock.acquire(dir))
        {
            assertThrows(DataDirectoryLockedException.class, () -> DataDirectoryLock.acquire(dir));
            assertTrue(held.covers(dir), "the refusal left this JVM's claim in place");
            final List<String> before = listing(dir);
            final Probe probe = probe(dir);
            assertEquals(LockProbe.LOCKED, probe.exitCode(), probe.output());
            assertEquals("data directory " + dir.toAbsolutePath() + " is in use by another node (pid " + PID + ")",
                probe.output().strip());
            assertEquals(before, listing(dir), "the refused process touched nothing");
        }
        final Probe after = probe(dir);
        assertEquals(0, after.exitCode(), after.output());
    }
}
