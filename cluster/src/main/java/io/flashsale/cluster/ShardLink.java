package io.flashsale.cluster;

import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aeron.Aeron;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.logbuffer.Header;

/**
 * The router's session with one shard's cluster: connects in the background (never blocking the router thread),
 * reconnects when the session closes (no leader within the client's timeout, a session the cluster expired), keeps the
 * session alive while idle, and passes each result to the router. The router thread calls everything except the
 * status getters, which any thread may read.
 */
final class ShardLink implements EgressListener
{
    private static final Logger LOG = LoggerFactory.getLogger(ShardLink.class);
    private static final long KEEP_ALIVE_NS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long RETRY_CONNECT_NS = TimeUnit.MILLISECONDS.toNanos(250);

    private final int shard;
    private final ShardRouter router;
    private final AeronCluster.Context context;
    private AeronCluster cluster;
    private AeronCluster.AsyncConnect connecting;
    private long nextConnectNs;
    private long lastSendNs;
    private boolean warnedUnreachable;
    private volatile boolean connected;
    private volatile int leaderMemberId = -1;
    private volatile long leadershipTermId = -1;
    private volatile long newLeaderEvents;
    private volatile long connects;

    ShardLink(
        final int shard,
        final ShardRouter router,
        final Aeron aeron,
        final String ingressEndpoints,
        final String egressHost,
        final long messageTimeoutMs)
    {
        this.shard = shard;
        this.router = router;
        this.context = new AeronCluster.Context()
            .aeron(aeron)
            .ownsAeronClient(false)
            .ingressChannel("aeron:udp?term-length=64k")
            .ingressEndpoints(ingressEndpoints)
            .egressChannel("aeron:udp?endpoint=" + egressHost + ":0")
            .messageTimeoutNs(TimeUnit.MILLISECONDS.toNanos(messageTimeoutMs))
            .egressListener(this);
    }

    /**
     * One duty cycle: advance a connection attempt, or poll the egress and keep the session alive.
     *
     * @param now System.nanoTime().
     * @return work done.
     */
    int poll(final long now)
    {
        if (cluster != null)
        {
            if (cluster.isClosed())
            {
                LOG.warn("shard {}: session with the cluster closed; reconnecting", shard);
                CloseHelper.quietClose(cluster);
                cluster = null;
                connected = false;
                nextConnectNs = now;
                return 1;
            }
            int work = cluster.pollEgress();
            if (now - lastSendNs >= KEEP_ALIVE_NS && cluster != null && !cluster.isClosed())
            {
                if (cluster.sendKeepAlive())
                {
                    lastSendNs = now;
                }
                work++;
            }
            return work;
        }
        if (connecting == null)
        {
            if (now - nextConnectNs < 0)
            {
                return 0;
            }
            connecting = AeronCluster.asyncConnect(context.clone());
        }
        try
        {
            final AeronCluster connected = connecting.poll();
            if (connected == null)
            {
                return 0;
            }
            connecting = null;
            cluster = connected;
            lastSendNs = now;
            leaderMemberId = connected.leaderMemberId();
            leadershipTermId = connected.leadershipTermId();
            connects++;
            this.connected = true;
            if (warnedUnreachable)
            {
                LOG.info("shard {}: connected again, leader member {}", shard, leaderMemberId);
                warnedUnreachable = false;
            }
            router.resendAll(shard);
            return 1;
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(connecting);
            connecting = null;
            nextConnectNs = now + RETRY_CONNECT_NS;
            if (!warnedUnreachable)
            {
                warnedUnreachable = true;
                LOG.warn("shard {}: no leader reachable yet ({}); its commands wait, then answer UNAVAILABLE",
                    shard, ex.getClass().getSimpleName());
            }
            return 1;
        }
    }

    /**
     * @return true if the command went to the leader's ingress (router thread).
     */
    boolean offer(final DirectBuffer buffer, final int length)
    {
        if (cluster == null || cluster.isClosed())
        {
            return false;
        }
        if (cluster.offer(buffer, 0, length) > 0)
        {
            lastSendNs = System.nanoTime();
            return true;
        }
        return false;
    }

    @Override
    public void onMessage(
        final long clusterSessionId,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        router.onResult(shard, buffer, offset, length);
    }

    @Override
    public void onNewLeader(
        final long clusterSessionId,
        final long leadershipTermId,
        final int leaderMemberId,
        final String ingressEndpoints)
    {
        this.leaderMemberId = leaderMemberId;
        this.leadershipTermId = leadershipTermId;
        newLeaderEvents++;
        LOG.info("shard {}: new leader member {} (term {})", shard, leaderMemberId, leadershipTermId);
        router.resendAll(shard);
    }

    boolean connected()
    {
        return connected;
    }

    int leaderMemberId()
    {
        return leaderMemberId;
    }

    long leadershipTermId()
    {
        return leadershipTermId;
    }

    long newLeaderEvents()
    {
        return newLeaderEvents;
    }

    long connects()
    {
        return connects;
    }

    void close()
    {
        CloseHelper.quietCloseAll(connecting, cluster);
        connecting = null;
        cluster = null;
        connected = false;
    }
}
