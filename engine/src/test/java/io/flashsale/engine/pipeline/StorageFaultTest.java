package io.flashsale.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.metrics.EngineCounter;
import io.flashsale.engine.support.EngineClient;
import io.flashsale.engine.support.Result;

/**
 * A journal on a full file system: the engine stops acknowledging (UNAVAILABLE) instead of acknowledging what it did
 * not journal, counts the failure, and shuts down cleanly. Needs root to mount a small tmpfs (CI runs as root).
 */
class StorageFaultTest
{
    private Path mountPoint;

    @BeforeEach
    void mountSmallTmpfs() throws Exception
    {
        mountPoint = Files.createTempDirectory("flashsale-full-disk");
        final Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs",
            mountPoint.toString()).redirectErrorStream(true).start();
        assumeTrue(mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0,
            "needs permission to mount a tmpfs");
    }

    @AfterEach
    void unmount() throws Exception
    {
        new ProcessBuilder("umount", "-l", mountPoint.toString()).start().waitFor(10, TimeUnit.SECONDS);
        Files.deleteIfExists(mountPoint);
    }

    @Test
    void shouldStopAcknowledgingWhenTheJournalCannotBeWritten() throws IOException
    {
        final long now = System.currentTimeMillis();
        long acknowledged = 0;
        Result last = null;
        try (EngineClient node = new EngineClient(new EngineConfig().dataDirectory(mountPoint.resolve("data"))
            .tickIntervalMillis(0).snapshotOnShutdown(false).snapshotEveryRecords(0)))
        {
            assertEquals(ResultCode.OK, node.defineSale(1, now - 1000, now + 3_600_000, 60_000).code());
            assertEquals(ResultCode.OK, node.addSku(1, 1, 100, 10_000_000, 1).code());
            for (int user = 1; user <= 2_000_000; user++)
            {
                last = node.buy(user, 1, 1, "request-id-padding-to-fill-the-disk-" + user);
                if (last.code() != ResultCode.RESERVED)
                {
                    break;
                }
                acknowledged++;
            }
            assertEquals(ResultCode.UNAVAILABLE, last.code(), "the full disk was noticed");
            assertEquals(ResultCode.UNAVAILABLE, node.sku(1).code(), "nothing is answered after the failure");
            assertTrue(node.engine().failed());
            assertEquals(1, node.engine().counters().get(EngineCounter.FAILURES), "failure counted");
        }
        assertTrue(acknowledged > 0, "some orders were acknowledged before the disk filled");
    }
}
