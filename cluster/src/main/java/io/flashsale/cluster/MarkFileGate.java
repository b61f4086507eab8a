package io.flashsale.cluster;

import java.io.File;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.agrona.MarkFile;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;

import io.aeron.Aeron;
import io.aeron.archive.ArchiveMarkFile;
import io.aeron.cluster.service.ClusterMarkFile;
import io.aeron.cluster.service.ClusteredServiceContainer;

/**
 * Waits, before a member launches, until the Aeron mark files a previous process left in its directories are no
 * longer active, so a member restarted at once after a SIGKILL starts instead of failing with "active mark file
 * detected".
 * <p>
 * Aeron's check, which this one mirrors: the archive, each consensus module and each service container stamp their
 * mark file with an activity timestamp (epoch ms) about once a second while they run, and write
 * {@link Aeron#NULL_VALUE} there when they close cleanly. A launch on a mark file whose timestamp is younger than the
 * liveness timeout ({@link #LIVENESS_TIMEOUT_MS}, 10 s for the archive and the cluster components alike) is refused,
 * since the owner may still be alive. A killed owner's timestamp simply stops moving: the file goes stale 10 s after
 * the owner's last stamp. The gate waits for that, bounded; a timestamp that keeps moving means a live owner, and the
 * wait ends with an {@link ActiveMarkFileException}.
 * <p>
 * A timestamp of {@link MarkFile#ACTIVATION_IN_PROGRESS_TIMESTAMP} is a launch that died within the few milliseconds
 * between claiming the file and signalling ready; Aeron would refuse it forever. The caller holds the member's data
 * directory lock, so no other member can be launching there: the gate marks such a file terminated, as a clean close
 * would have.
 * <p>
 * Missing files are fine (a first launch); files Aeron could not read either (never initialised) are left for Aeron
 * to judge.
 */
final class MarkFileGate
{
    /**
     * Age below which Aeron treats a mark file as active: {@code Archive.Configuration.LIVENESS_TIMEOUT_MS}
     * (package-private there) and {@link ClusteredServiceContainer.Configuration#LIVENESS_TIMEOUT_MS}, both 10 s.
     */
    static final long LIVENESS_TIMEOUT_MS = 10_000;
    /** Default bound on the wait: a killed owner's files are stale after at most {@link #LIVENESS_TIMEOUT_MS}. */
    static final long DEFAULT_WAIT_MS = 30_000;
    private static final long MARGIN_MS = 20;
    private static final long MAX_SLEEP_MS = 1_000;

    private MarkFileGate()
    {
    }

    /**
     * Wait until none of the mark files is active.
     *
     * @param markFiles the archive's and the cluster components' mark files (missing ones are skipped).
     * @param boundMs   the longest wait.
     * @param clock     the clock the timestamps are compared with.
     * @param sleeper   sleeps for the given milliseconds.
     * @param log       receives one line when the gate has to wait, and one per repaired file.
     * @return milliseconds waited (by {@code clock}).
     * @throws ActiveMarkFileException if a mark file is still active after {@code boundMs}.
     */
    static long await(
        final List<File> markFiles,
        final long boundMs,
        final EpochClock clock,
        final LongConsumer sleeper,
        final Consumer<String> log)
    {
        final long startMs = clock.time();
        boolean logged = false;
        while (true)
        {
            final long nowMs = clock.time();
            File newest = null;
            long newestMs = Long.MIN_VALUE;
            for (final File file : markFiles)
            {
                final long stampMs = activityTimestamp(file, log);
                if (nowMs - stampMs <= LIVENESS_TIMEOUT_MS && stampMs > newestMs)
                {
                    newest = file;
                    newestMs = stampMs;
                }
            }
            if (newest == null)
            {
                return nowMs - startMs;
            }
            final long ageMs = nowMs - newestMs;
            if (nowMs - startMs >= boundMs)
            {
                throw new ActiveMarkFileException("mark file " + newest + " is still active after waiting " +
                    boundMs + " ms (last heartbeat " + ageMs + " ms ago): another process runs on this directory");
            }
            if (!logged)
            {
                logged = true;
                log.accept("waiting up to " + boundMs + " ms for the previous process's mark files to go stale " +
                    "(Aeron refuses one younger than " + LIVENESS_TIMEOUT_MS + " ms; " + newest + " last heartbeat " +
                    ageMs + " ms ago)");
            }
            final long untilStaleMs = LIVENESS_TIMEOUT_MS - ageMs + MARGIN_MS;
            final long leftMs = boundMs - (nowMs - startMs);
            sleeper.accept(Math.max(1, Math.min(Math.min(untilStaleMs, leftMs), MAX_SLEEP_MS)));
        }
    }

    /**
     * @param file a mark file.
     * @param log  receives a line if the file is repaired.
     * @return its activity timestamp, or {@link Aeron#NULL_VALUE} if missing, closed cleanly, or unreadable.
     */
    static long activityTimestamp(final File file, final Consumer<String> log)
    {
        if (!file.isFile())
        {
            return Aeron.NULL_VALUE;
        }
        final Consumer<String> quiet = (line) ->
        {
        };
        try
        {
            if (ArchiveMarkFile.FILENAME.equals(file.getName()))
            {
                try (ArchiveMarkFile markFile = new ArchiveMarkFile(
                    file.getParentFile(), file.getName(), SystemEpochClock.INSTANCE, 0, quiet))
                {
                    return checked(file, markFile.activityTimestampVolatile(), markFile::updateActivityTimestamp, log);
                }
            }
            try (ClusterMarkFile markFile = new ClusterMarkFile(
                file.getParentFile(), file.getName(), SystemEpochClock.INSTANCE, 0, quiet))
            {
                return checked(file, markFile.activityTimestampVolatile(), markFile::updateActivityTimestamp, log);
            }
        }
        catch (final RuntimeException ex)
        {
            return Aeron.NULL_VALUE;
        }
    }

    private static long checked(
        final File file, final long stampMs, final LongConsumer update, final Consumer<String> log)
    {
        if (stampMs != MarkFile.ACTIVATION_IN_PROGRESS_TIMESTAMP)
        {
            return stampMs;
        }
        update.accept(Aeron.NULL_VALUE);
        log.accept("mark file " + file + " was left mid-launch by a process that died; marked terminated");
        return Aeron.NULL_VALUE;
    }
}
