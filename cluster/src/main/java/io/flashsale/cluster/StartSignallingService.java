package io.flashsale.cluster;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.agrona.DirectBuffer;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;

/**
 * Forwards every callback to a clustered service and lets another thread wait until the service's
 * {@link #onStart} returned (snapshot loaded, journal open) or failed.
 * <p>
 * Why: a container's launch returns before its service started; a member that is closed, or whose JVM begins to shut
 * down, while its services are still starting makes them fail half-way (a library initialised during shutdown) and
 * each consensus module then waits out its close timeout. Waiting for the start closes that window, and makes "up"
 * mean up.
 */
final class StartSignallingService implements ClusteredService
{
    private final ClusteredService delegate;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Throwable failure;

    /**
     * @param delegate the service every callback goes to.
     */
    StartSignallingService(final ClusteredService delegate)
    {
        this.delegate = delegate;
    }

    /**
     * Wait until the service's {@code onStart} returned.
     *
     * @param timeoutMs the longest wait.
     * @return true if it started; false if it did not within the timeout.
     * @throws IllegalStateException if its {@code onStart} threw (the cause), or the waiting thread is interrupted.
     */
    boolean awaitStart(final long timeoutMs)
    {
        try
        {
            if (!started.await(timeoutMs, TimeUnit.MILLISECONDS))
            {
                return false;
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a service to start", ex);
        }
        final Throwable cause = failure;
        if (cause != null)
        {
            throw new IllegalStateException("the service failed to start: " + cause, cause);
        }
        return true;
    }

    @Override
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        try
        {
            delegate.onStart(cluster, snapshotImage);
        }
        catch (final RuntimeException | Error ex)
        {
            failure = ex;
            throw ex;
        }
        finally
        {
            started.countDown();
        }
    }

    @Override
    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
        delegate.onSessionOpen(session, timestamp);
    }

    @Override
    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
        delegate.onSessionClose(session, timestamp, closeReason);
    }

    @Override
    public void onSessionMessage(
        final ClientSession session,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        delegate.onSessionMessage(session, timestamp, buffer, offset, length, header);
    }

    @Override
    public void onTimerEvent(final long correlationId, final long timestamp)
    {
        delegate.onTimerEvent(correlationId, timestamp);
    }

    @Override
    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        delegate.onTakeSnapshot(snapshotPublication);
    }

    @Override
    public void onRoleChange(final Cluster.Role newRole)
    {
        delegate.onRoleChange(newRole);
    }

    @Override
    public void onTerminate(final Cluster cluster)
    {
        delegate.onTerminate(cluster);
    }

    @Override
    public void onNewLeadershipTermEvent(
        final long leadershipTermId,
        final long logPosition,
        final long timestamp,
        final long termBaseLogPosition,
        final int leaderMemberId,
        final int logSessionId,
        final TimeUnit timeUnit,
        final int appVersion)
    {
        delegate.onNewLeadershipTermEvent(leadershipTermId, logPosition, timestamp, termBaseLogPosition,
            leaderMemberId, logSessionId, timeUnit, appVersion);
    }

    @Override
    public int doBackgroundWork(final long nowNs)
    {
        return delegate.doBackgroundWork(nowNs);
    }
}
