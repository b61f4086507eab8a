package io.flashsale.cluster;

import java.nio.file.Path;

/**
 * Where and how one member of a shard's cluster runs.
 * <p>
 * Ports: member {@code m} of a cluster listens on {@code portBase + m * PORTS_PER_MEMBER} plus 0 (ingress),
 * 1 (consensus), 2 (log), 3 (catch-up) and 4 (archive control), all on {@code host}.
 *
 * @param clusterId                 the shard's cluster id.
 * @param memberId                  this member, 0 to memberCount - 1.
 * @param memberCount               members of the cluster (three by default).
 * @param host                      the host every member's endpoints are on.
 * @param portBase                  first port of the cluster's block.
 * @param baseDirectory             the member's data directory: journal, stamp, {@code cluster/}, {@code archive/}.
 * @param aeronDirectory            the member's media driver directory (best on /dev/shm).
 * @param leaderHeartbeatTimeoutMs  a follower starts an election after this long without the leader.
 * @param leaderHeartbeatIntervalMs how often the leader proves it is alive.
 * @param tickIntervalMillis        cluster time between expiry ticks.
 * @param expectedSkus              sizing hint for the state.
 * @param expectedOrders            sizing hint for the state.
 */
public record ShardMemberConfig(
    int clusterId,
    int memberId,
    int memberCount,
    String host,
    int portBase,
    Path baseDirectory,
    Path aeronDirectory,
    long leaderHeartbeatTimeoutMs,
    long leaderHeartbeatIntervalMs,
    long tickIntervalMillis,
    int expectedSkus,
    long expectedOrders)
{
    /** Ports each member takes from the cluster's block. */
    public static final int PORTS_PER_MEMBER = 10;

    /**
     * @param member a member id.
     * @param offset 0 ingress, 1 consensus, 2 log, 3 catch-up, 4 archive control.
     * @return that member's port.
     */
    public int port(final int member, final int offset)
    {
        return portBase + member * PORTS_PER_MEMBER + offset;
    }

    /**
     * @return the cluster members string: {@code id,ingress,consensus,log,catchup,archive|...}.
     */
    public String clusterMembers()
    {
        final StringBuilder members = new StringBuilder();
        for (int m = 0; m < memberCount; m++)
        {
            if (m > 0)
            {
                members.append('|');
            }
            members.append(m);
            for (int offset = 0; offset < 5; offset++)
            {
                members.append(',').append(host).append(':').append(port(m, offset));
            }
        }
        return members.toString();
    }

    /**
     * @return the ingress endpoints a cluster client needs: {@code id=host:port,...}.
     */
    public String ingressEndpoints()
    {
        final StringBuilder endpoints = new StringBuilder();
        for (int m = 0; m < memberCount; m++)
        {
            if (m > 0)
            {
                endpoints.append(',');
            }
            endpoints.append(m).append('=').append(host).append(':').append(port(m, 0));
        }
        return endpoints.toString();
    }
}
