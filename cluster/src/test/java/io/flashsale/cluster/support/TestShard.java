package io.flashsale.cluster.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aeron.cluster.service.Cluster;
import io.flashsale.cluster.ShardMember;
import io.flashsale.cluster.ShardMemberConfig;

/**
 * A shard's cluster of three members in one JVM for tests: SHARED threading and back-off idling, sparse small term
 * buffers, a port block of its own, fresh directories wiped on {@link #close()}, a 1.5 s leader heartbeat timeout.
 * Members' errors and warnings (elections, log truncation) are logged, never thrown at the test.
 * <p>
 * Used from the test thread only.
 */
public final class TestShard implements AutoCloseable
{
    /** Members of a test shard. */
    public static final int MEMBERS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(TestShard.class);
    private static final AtomicInteger NEXT_BLOCK = new AtomicInteger();
    private static final int PORT_BLOCK = MEMBERS * ShardMemberConfig.PORTS_PER_MEMBER + 10;

    private final Path root;
    private final Path aeronRoot;
    private final ShardMemberConfig[] configs = new ShardMemberConfig[MEMBERS];
    private final ShardMember[] members = new ShardMember[MEMBERS];

    /**
     * Create the shard's directories and configuration, and launch every member.
     *
     * @param tickIntervalMillis cluster time between expiry ticks.
     */
    public TestShard(final long tickIntervalMillis)
    {
        try
        {
            root = Files.createTempDirectory("flashsale-shard");
            final Path shm = Path.of("/dev/shm");
            aeronRoot = Files.isDirectory(shm) ? Files.createTempDirectory(shm, "flashsale-aeron") : root;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final int portBase = 21000 + (int)(ProcessHandle.current().pid() % 40) * 600 +
            (NEXT_BLOCK.getAndIncrement() % 15) * PORT_BLOCK;
        for (int m = 0; m < MEMBERS; m++)
        {
            configs[m] = new ShardMemberConfig(
                0, m, MEMBERS, "localhost", portBase, root.resolve("member-" + m), aeronRoot.resolve("aeron-" + m),
                1500, 100, tickIntervalMillis, 64, 1 << 14);
        }
        for (int m = 0; m < MEMBERS; m++)
        {
            launch(m);
        }
    }

    /**
     * (Re)launch a member on its directories.
     *
     * @param member member id.
     */
    public void launch(final int member)
    {
        members[member] = ShardMember.launch(configs[member],
            (throwable) -> LOG.warn("member {}: {}", member, throwable.toString()));
    }

    /**
     * Close a member (its directories stay).
     *
     * @param member member id.
     */
    public void stop(final int member)
    {
        CloseHelper.close(members[member]);
        members[member] = null;
    }

    /**
     * Delete a stopped member's directories, as if its machine were replaced.
     *
     * @param member member id.
     */
    public void wipe(final int member)
    {
        if (members[member] != null)
        {
            throw new IllegalStateException("member " + member + " is running");
        }
        IoUtil.delete(configs[member].baseDirectory().toFile(), true);
    }

    /**
     * @param member member id.
     * @return the running member, or null when stopped.
     */
    public ShardMember member(final int member)
    {
        return members[member];
    }

    /**
     * @param member member id.
     * @return the member's data directory.
     */
    public Path dataDirectory(final int member)
    {
        return configs[member].baseDirectory();
    }

    /**
     * @return the configuration shared by the members (ports, endpoints).
     */
    public ShardMemberConfig config()
    {
        return configs[0];
    }

    /**
     * Wait until exactly one running member is the leader.
     *
     * @return the leader's member id.
     */
    public int awaitLeader()
    {
        final int[] leader = {-1};
        Await.until(() ->
        {
            final List<Integer> leaders = new ArrayList<>();
            for (int m = 0; m < MEMBERS; m++)
            {
                if (members[m] != null && members[m].role() == Cluster.Role.LEADER)
                {
                    leaders.add(m);
                }
            }
            leader[0] = leaders.size() == 1 ? leaders.get(0) : -1;
            return leader[0] >= 0;
        });
        return leader[0];
    }

    /**
     * Wait until every running member applied the log up to at least a position.
     *
     * @param position a log position.
     */
    public void awaitApplied(final long position)
    {
        Await.until(() ->
        {
            for (final ShardMember member : members)
            {
                if (member != null && member.service().appliedPosition() < position)
                {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * Close every member and delete every directory.
     */
    @Override
    public void close()
    {
        for (int m = 0; m < MEMBERS; m++)
        {
            stop(m);
        }
        IoUtil.delete(root.toFile(), true);
        IoUtil.delete(aeronRoot.toFile(), true);
    }
}
