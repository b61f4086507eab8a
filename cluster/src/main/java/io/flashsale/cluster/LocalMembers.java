package io.flashsale.cluster;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import io.aeron.AeronCounters;
import io.aeron.CncFileDescriptor;
import io.aeron.cluster.service.Cluster;

/**
 * Finds the shard members running on this host and reads, without joining them, what their media drivers publish:
 * each member process's driver lives in {@link #aeronDirectory}, whose {@code cnc.dat} holds the driver's pid and
 * the consensus modules' counters (node role and commit position, keyed by cluster id = shard). Read-only; a
 * directory whose process is gone is ignored. Thread-safe (each call maps and unmaps the files it reads).
 */
public final class LocalMembers
{
    /** Prefix of a member process's media driver directory. */
    public static final String PREFIX = "flashsale-member-";

    private final File root;

    /**
     * What one local member reports for one shard.
     *
     * @param role           LEADER, FOLLOWER or CANDIDATE.
     * @param commitPosition the cluster log position the member knows committed.
     * @param pid            the member process.
     */
    public record Local(String role, long commitPosition, long pid)
    {
    }

    /**
     * @param root where member drivers' directories are ({@link #defaultRoot()}).
     */
    public LocalMembers(final File root)
    {
        this.root = root;
    }

    /**
     * @return /dev/shm when present, else the temp directory.
     */
    public static File defaultRoot()
    {
        final File shm = new File("/dev/shm");
        return shm.isDirectory() ? shm : new File(System.getProperty("java.io.tmpdir"));
    }

    /**
     * @param memberId      a member id.
     * @param dataDirectory the member's data directory.
     * @return the member process's media driver directory under {@link #defaultRoot()}: its id and a hash of its
     *         data directory, so two members on one host never share one.
     */
    public static String aeronDirectory(final int memberId, final Path dataDirectory)
    {
        final String key = dataDirectory.toAbsolutePath().normalize().toString();
        return new File(defaultRoot(), PREFIX + memberId + "-" + Integer.toHexString(key.hashCode())).getPath();
    }

    /**
     * @return this process's directory for a cluster gateway's own media driver, beside the members' ones.
     */
    public static String gatewayAeronDirectory()
    {
        return new File(defaultRoot(), "flashsale-gateway-" + ProcessHandle.current().pid()).getPath();
    }

    /**
     * @param memberId a member id.
     * @param shard    a shard id.
     * @return what the member, if it runs on this host, reports for the shard; null if not found or not running.
     */
    public Local find(final int memberId, final int shard)
    {
        final File[] dirs = root.listFiles((dir, name) -> name.startsWith(PREFIX + memberId + "-"));
        if (dirs == null)
        {
            return null;
        }
        for (final File dir : dirs)
        {
            final File cnc = new File(dir, CncFileDescriptor.CNC_FILE);
            if (!cnc.isFile())
            {
                continue;
            }
            final Local local = read(cnc, shard);
            if (local != null)
            {
                return local;
            }
        }
        return null;
    }

    private static Local read(final File cnc, final int shard)
    {
        MappedByteBuffer mapped = null;
        try
        {
            mapped = IoUtil.mapExistingFile(cnc, "cnc");
            final UnsafeBuffer meta = CncFileDescriptor.createMetaDataBuffer(mapped);
            if (meta.getInt(CncFileDescriptor.cncVersionOffset(0)) == 0)
            {
                return null;
            }
            final long pid = meta.getLong(CncFileDescriptor.pidOffset(0));
            if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
            {
                return null;
            }
            final CountersReader counters = new CountersReader(
                CncFileDescriptor.createCountersMetaDataBuffer(mapped, meta),
                CncFileDescriptor.createCountersValuesBuffer(mapped, meta));
            final long[] found = {Long.MIN_VALUE, Long.MIN_VALUE};
            counters.forEach((counterId, typeId, key, label) ->
            {
                if (key.getInt(0) != shard)
                {
                    return;
                }
                if (typeId == AeronCounters.CLUSTER_NODE_ROLE_TYPE_ID)
                {
                    found[0] = counters.getCounterValue(counterId);
                }
                else if (typeId == AeronCounters.CLUSTER_COMMIT_POSITION_TYPE_ID)
                {
                    found[1] = counters.getCounterValue(counterId);
                }
            });
            if (found[0] == Long.MIN_VALUE)
            {
                return null;
            }
            final Cluster.Role role = Cluster.Role.get(found[0]);
            return new Local(role == null ? "unknown" : role.name(), Math.max(found[1], 0), pid);
        }
        catch (final RuntimeException ex)
        {
            return null; // a driver starting or stopping while read
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }
}
