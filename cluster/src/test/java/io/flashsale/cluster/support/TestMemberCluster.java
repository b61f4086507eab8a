package io.flashsale.cluster.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aeron.cluster.service.Cluster;
import io.flashsale.cluster.MemberHost;
import io.flashsale.cluster.config.ClusterConfig;

/**
 * Three {@link MemberHost}s in one JVM on 127.0.0.1, each hosting its replica of every shard, for tests: a port block
 * of their own, fresh data directories wiped on {@link #close()}, a 1.5 s leader heartbeat timeout. Hosts' errors and
 * warnings (elections, log truncation) are logged, never thrown at the test.
 * <p>
 * Used from the test thread only.
 */
public final class TestMemberCluster implements AutoCloseable
{
    /** Members (hosts) of the test cluster. */
    public static final int MEMBERS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(TestMemberCluster.class);

    private final Path root;
    private final ClusterConfig config;
    private final MemberHost.Options options;
    private final MemberHost[] hosts = new MemberHost[MEMBERS];

    /**
     * Write the cluster file, create the directories and launch every host.
     *
     * @param portBase           first port of the cluster's block (100 ports).
     * @param shards             shards in the cluster file (at most 3 fit the block).
     * @param tickIntervalMillis cluster time between expiry ticks.
     */
    public TestMemberCluster(final int portBase, final int shards, final long tickIntervalMillis)
    {
        try
        {
            root = Files.createTempDirectory("flashsale-members");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        config = ClusterConfig.parse(json(portBase, MEMBERS, shards), root);
        options = new MemberHost.Options(64, 1 << 14, tickIntervalMillis, 30_000);
        for (int m = 0; m < MEMBERS; m++)
        {
            launch(m);
        }
    }

    /**
     * A cluster file on 127.0.0.1: member {@code m}'s archive on {@code portBase + m}, shard {@code s}'s block at
     * {@code portBase + 10 + 30 * s} (members 10 ports apart inside it, so 3 shards of 3 members fit 100 ports).
     *
     * @param portBase first port.
     * @param members  members.
     * @param shards   shards.
     * @return the file's JSON.
     */
    public static String json(final int portBase, final int members, final int shards)
    {
        final StringBuilder json = new StringBuilder("{\"members\": [");
        for (int m = 0; m < members; m++)
        {
            json.append(m > 0 ? ", " : "").append("{\"id\": ").append(m).append(", \"host\": \"127.0.0.1\", ")
                .append("\"archivePort\": ").append(portBase + m).append('}');
        }
        json.append("], \"shards\": [");
        for (int s = 0; s < shards; s++)
        {
            json.append(s > 0 ? ", " : "").append("{\"id\": ").append(s).append(", \"portBase\": ")
                .append(portBase + 10 + 30 * s).append('}');
        }
        return json.append("], \"heartbeatTimeoutMs\": 1500, \"heartbeatIntervalMs\": 100}").toString();
    }

    /**
     * (Re)launch a host on its data directory.
     *
     * @param member member id.
     */
    public void launch(final int member)
    {
        hosts[member] = MemberHost.launch(config, member, dataDirectory(member), options,
            (throwable) -> LOG.warn("member {}: {}", member, throwable.toString()));
    }

    /**
     * Close a host (its directories stay).
     *
     * @param member member id.
     */
    public void stop(final int member)
    {
        CloseHelper.close(hosts[member]);
        hosts[member] = null;
    }

    /**
     * @param member member id.
     * @return the running host, or null when stopped.
     */
    public MemberHost host(final int member)
    {
        return hosts[member];
    }

    /**
     * @param member member id.
     * @return the host's data directory.
     */
    public Path dataDirectory(final int member)
    {
        return root.resolve("member-" + member);
    }

    /**
     * @return the cluster file.
     */
    public ClusterConfig config()
    {
        return config;
    }

    /**
     * Wait until exactly one running host leads the shard.
     *
     * @param shard a shard id.
     * @return the leading member id.
     */
    public int awaitLeader(final int shard)
    {
        final int[] leader = {-1};
        Await.until(() ->
        {
            int found = -1;
            int count = 0;
            for (int m = 0; m < MEMBERS; m++)
            {
                if (hosts[m] != null && hosts[m].role(shard) == Cluster.Role.LEADER)
                {
                    found = m;
                    count++;
                }
            }
            leader[0] = count == 1 ? found : -1;
            return leader[0] >= 0;
        });
        return leader[0];
    }

    /**
     * Wait until every running host applied the shard's log up to at least a position.
     *
     * @param shard    a shard id.
     * @param position a log position.
     */
    public void awaitApplied(final int shard, final long position)
    {
        Await.until(() ->
        {
            for (final MemberHost host : hosts)
            {
                if (host != null && host.service(shard).appliedPosition() < position)
                {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * Close every host and delete every directory.
     */
    @Override
    public void close()
    {
        for (int m = 0; m < MEMBERS; m++)
        {
            stop(m);
        }
        IoUtil.delete(root.toFile(), true);
    }
}
