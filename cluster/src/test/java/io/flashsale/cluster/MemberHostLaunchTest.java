package io.flashsale.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.agrona.MarkFile;
import org.agrona.concurrent.SystemEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aeron.Aeron;
import io.aeron.archive.ArchiveMarkFile;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusterMarkFile;
import io.flashsale.cluster.config.ClusterConfig;
import io.flashsale.cluster.config.ClusterConfigException;
import io.flashsale.cluster.support.Await;
import io.flashsale.cluster.support.TestMemberCluster;
import io.flashsale.engine.journal.DataDirectoryLockedException;

/**
 * What a {@link MemberHost} launch refuses and what it waits for, on a one-member, one-shard cluster: an unknown
 * member, a directory another host holds, and the mark files of a previous process (stale after a kill, live, or left
 * mid-launch), checked on the real files of a host that ran.
 */
class MemberHostLaunchTest
{
    private static final int PORT_BASE = 14_000 + (int)(ProcessHandle.current().pid() % 50) * 20;
    private static final Logger LOG = LoggerFactory.getLogger(MemberHostLaunchTest.class);
    private static final Consumer<String> QUIET = (line) ->
    {
    };

    @TempDir
    Path directory;

    @Test
    void shouldRefuseAnUnknownMemberBeforeTouchingTheDirectory()
    {
        final Path data = directory.resolve("member-7");
        final ClusterConfigException ex = assertThrows(ClusterConfigException.class, () -> launch(7, data));
        assertEquals("unknown member 7: the cluster file names members 0..0", ex.getMessage());
        assertFalse(Files.exists(data));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldRefuseASecondHostOnTheDirectoryAndDeleteTheDriverDirectoryOnClose()
    {
        final Path data = directory.resolve("member-0");
        final Path aeronDirectory;
        try (MemberHost host = launch(0, data))
        {
            Await.until(() -> host.role(0) == Cluster.Role.LEADER);
            aeronDirectory = host.aeronDirectory();
            assertTrue(Files.isDirectory(aeronDirectory), aeronDirectory + " exists while the host runs");
            assertEquals(MemberHost.aeronDirectory(0, data), aeronDirectory);

            final DataDirectoryLockedException ex =
                assertThrows(DataDirectoryLockedException.class, () -> launch(0, data));
            assertEquals(data.toAbsolutePath(), ex.directory());
            assertEquals(Cluster.Role.LEADER, host.role(0), "the first host still leads");
        }
        assertFalse(Files.exists(aeronDirectory), "the driver directory is deleted on close");
        try (MemberHost host = launch(0, data))
        {
            Await.until(() -> host.role(0) == Cluster.Role.LEADER);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldWaitForTheMarkFilesOfAKilledProcessRefuseALiveOneAndRepairOneLeftMidLaunch()
    {
        final Path data = directory.resolve("member-0");
        try (MemberHost host = launch(0, data))
        {
            Await.until(() -> host.role(0) == Cluster.Role.LEADER);
        }
        final List<File> files = MemberHost.markFiles(data, 1);
        assertEquals(3, files.size(), "the archive's, the consensus module's and the service container's");
        final AtomicLong now = new AtomicLong(System.currentTimeMillis());
        final List<String> lines = new ArrayList<>();

        for (final File file : files)
        {
            stamp(file, now.get() - 3_000);
        }
        final long waitedMs = MarkFileGate.await(files, 30_000, now::get, now::addAndGet, lines::add);
        assertTrue(waitedMs > MarkFileGate.LIVENESS_TIMEOUT_MS - 3_000 && waitedMs < MarkFileGate.LIVENESS_TIMEOUT_MS,
            "waited until 10 s after the killed process's last heartbeat: " + waitedMs + " ms");
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("waiting up to 30000 ms for the previous process's mark files"),
            lines::toString);

        final File consensusModule = files.get(1);
        stamp(consensusModule, now.get());
        final ActiveMarkFileException live = assertThrows(ActiveMarkFileException.class, () -> MarkFileGate.await(
            files, 5_000, now::get, (millis) -> stamp(consensusModule, now.addAndGet(millis)), QUIET));
        assertTrue(live.getMessage().startsWith("mark file " + consensusModule + " is still active after waiting " +
            "5000 ms"), live.getMessage());

        stamp(consensusModule, Aeron.NULL_VALUE);
        stamp(files.get(0), MarkFile.ACTIVATION_IN_PROGRESS_TIMESTAMP);
        lines.clear();
        assertEquals(0, MarkFileGate.await(files, 30_000, now::get, now::addAndGet, lines::add));
        assertEquals(List.of("mark file " + files.get(0) + " was left mid-launch by a process that died; marked " +
            "terminated"), lines);
        assertEquals(Aeron.NULL_VALUE, MarkFileGate.activityTimestamp(files.get(0), QUIET));

        // a process killed 9 s ago: Aeron alone would refuse these files for another second; the host waits
        for (final File file : files)
        {
            stamp(file, System.currentTimeMillis() - 9_000);
        }
        try (MemberHost host = launch(0, data))
        {
            Await.until(() -> host.role(0) == Cluster.Role.LEADER);
        }
    }

    private MemberHost launch(final int member, final Path data)
    {
        final ClusterConfig config = ClusterConfig.parse(TestMemberCluster.json(PORT_BASE, 1, 1), directory);
        return MemberHost.launch(config, member, data, new MemberHost.Options(64, 1 << 14, 3_600_000, 30_000),
            (throwable) -> LOG.warn("member {}: {}", member, throwable.toString()));
    }

    /**
     * Write a mark file's activity timestamp, as its owner does while it runs.
     */
    private static void stamp(final File file, final long timestampMs)
    {
        if (ArchiveMarkFile.FILENAME.equals(file.getName()))
        {
            try (ArchiveMarkFile markFile = new ArchiveMarkFile(
                file.getParentFile(), file.getName(), SystemEpochClock.INSTANCE, 1_000, QUIET))
            {
                markFile.updateActivityTimestamp(timestampMs);
            }
            return;
        }
        try (ClusterMarkFile markFile = new ClusterMarkFile(
            file.getParentFile(), file.getName(), SystemEpochClock.INSTANCE, 1_000, QUIET))
        {
            markFile.updateActivityTimestamp(timestampMs);
        }
    }
}
