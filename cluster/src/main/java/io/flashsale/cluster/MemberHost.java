package io.flashsale.cluster;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.SystemEpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveMarkFile;
import io.aeron.archive.ArchivingMediaDriver;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusterMarkFile;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.flashsale.cluster.config.ClusterConfig;
import io.flashsale.engine.journal.DataDirectoryLock;

/**
 * One machine of a cluster deployment: the member {@code memberId} of every shard in the {@link ClusterConfig}, in
 * this process, over ONE media driver and ONE archive shared by all shards, with one consensus module and one service
 * container ({@link EngineClusteredService}) per shard. Shard {@code s} is the Aeron cluster with cluster id
 * {@code s}; clusters on the shared driver keep apart by cluster id, ports and IPC stream ids ({@link MemberContexts}).
 * <p>
 * Data directory layout, kept across {@link #close()} so a relaunch on it recovers from snapshots and logs:
 * <pre>
 * DATA/node.lock                 the OS lock: one process per member directory, taken before anything else
 * DATA/archive/                  the archive (recordings of every shard's log and snapshots, catalog, mark file)
 * DATA/shard-S/                  shard S's member journal and its stamp (what audit and export read)
 * DATA/shard-S/cluster/          shard S's consensus module and service container (recording log, mark files)
 * </pre>
 * The media driver's directory is on {@code /dev/shm} (else the temp directory), named from the member id and a hash
 * of the data directory's absolute path, and deleted on start and on shutdown.
 * <p>
 * A relaunch soon after the previous process was killed finds its mark files still "active" for up to 10 s; the
 * launch waits for them to go stale (one log line, bounded by {@link Options#markFileWaitMs()}) instead of failing
 * ({@link MarkFileGate}).
 * <p>
 * Threading: launch and close from one thread; the host runs on its agents' threads in between (driver, archive, and
 * per shard a consensus module and a service container, all idling with back-off). The getters may be called from
 * any thread.
 */
public final class MemberHost implements AutoCloseable
{
    /** The archive's directory under the data directory. */
    public static final String ARCHIVE_DIR = "archive";
    /** A shard's consensus module and container directory under the shard's directory. */
    public static final String CLUSTER_DIR = "cluster";
    /** A shard's directory under the data directory is this prefix and the shard id. */
    public static final String SHARD_DIR_PREFIX = "shard-";

    /**
     * Longest wait for a shard's service to start (load its snapshot, open its journal): a snapshot of 1.5 M keys
     * loads in under a second.
     */
    public static final long SERVICE_START_TIMEOUT_MS = 60_000;

    private static final Logger LOG = LoggerFactory.getLogger(MemberHost.class);

    /**
     * How the services are sized and how long a launch waits for a previous process's mark files.
     *
     * @param expectedSkus       sizing hint for each shard's state.
     * @param expectedOrders     sizing hint for each shard's state.
     * @param tickIntervalMillis cluster time between expiry ticks.
     * @param markFileWaitMs     the longest wait for a previous process's mark files to go stale.
     */
    public record Options(int expectedSkus, long expectedOrders, long tickIntervalMillis, long markFileWaitMs)
    {
        /**
         * @return 4,096 SKUs, 2^20 orders, a tick every 100 ms, up to 30 s for stale mark files.
         */
        public static Options defaults()
        {
            return new Options(4096, 1 << 20, 100, MarkFileGate.DEFAULT_WAIT_MS);
        }
    }

    private final ClusterConfig config;
    private final int memberId;
    private final Path dataDirectory;
    private final Path aeronDirectory;
    private final DataDirectoryLock lock;
    private final ArchivingMediaDriver driver;
    private final ConsensusModule[] modules;
    private final ClusteredServiceContainer[] containers;
    private final EngineClusteredService[] services;
    private boolean closed;

    private MemberHost(
        final ClusterConfig config,
        final int memberId,
        final Path dataDirectory,
        final Path aeronDirectory,
        final DataDirectoryLock lock,
        final ArchivingMediaDriver driver,
        final ConsensusModule[] modules,
        final ClusteredServiceContainer[] containers,
        final EngineClusteredService[] services)
    {
        this.config = config;
        this.memberId = memberId;
        this.dataDirectory = dataDirectory;
        this.aeronDirectory = aeronDirectory;
        this.lock = lock;
        this.driver = driver;
        this.modules = modules;
        this.containers = containers;
        this.services = services;
    }

    /**
     * Launch the member with default {@link Options}, logging Aeron's errors and warnings.
     *
     * @param config        the cluster file.
     * @param memberId      which member of the file this process is.
     * @param dataDirectory the member's data directory (created if missing).
     * @return the running member, owned by the caller.
     * @see #launch(ClusterConfig, int, Path, Options, ErrorHandler)
     */
    public static MemberHost launch(final ClusterConfig config, final int memberId, final Path dataDirectory)
    {
        return launch(config, memberId, dataDirectory, Options.defaults(),
            (throwable) -> LOG.warn("member {}: {}", memberId, throwable.toString()));
    }

    /**
     * Lock the data directory, wait for a previous process's mark files to go stale, then launch the driver, the
     * archive and every shard's consensus module and service container, and wait until every shard's service started
     * (snapshot loaded, journal open; the elections go on after). On failure everything launched so far is closed and
     * the lock released.
     *
     * @param config        the cluster file.
     * @param memberId      which member of the file this process is.
     * @param dataDirectory the member's data directory (created if missing).
     * @param options       service sizing and the mark file wait.
     * @param errorHandler  receives Aeron's errors and warnings (elections, log truncation are reported here).
     * @return the running member, owned by the caller.
     * @throws io.flashsale.cluster.config.ClusterConfigException if the file names no such member (nothing touched).
     * @throws io.flashsale.engine.journal.DataDirectoryLockedException if another process holds the directory.
     * @throws ActiveMarkFileException if a previous process's mark files stay active beyond the wait.
     */
    public static MemberHost launch(
        final ClusterConfig config,
        final int memberId,
        final Path dataDirectory,
        final Options options,
        final ErrorHandler errorHandler)
    {
        config.member(memberId);
        final Path data = dataDirectory.toAbsolutePath().normalize();
        final DataDirectoryLock lock = DataDirectoryLock.acquire(data);
        try
        {
            MarkFileGate.await(markFiles(data, config.shards().size()), options.markFileWaitMs(),
                SystemEpochClock.INSTANCE, (millis) -> LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis)),
                (line) -> LOG.info("member {}: {}", memberId, line));
            return start(config, memberId, data, lock, options, errorHandler);
        }
        catch (final RuntimeException ex)
        {
            lock.close();
            throw ex;
        }
    }

    private static MemberHost start(
        final ClusterConfig config,
        final int memberId,
        final Path data,
        final DataDirectoryLock lock,
        final Options options,
        final ErrorHandler errorHandler)
    {
        final ClusterConfig.Member member = config.member(memberId);
        final int shardCount = config.shards().size();
        final Path aeronDirectory = aeronDirectory(memberId, data);
        final String aeronDir = aeronDirectory.toString();
        final ConsensusModule[] modules = new ConsensusModule[shardCount];
        final ClusteredServiceContainer[] containers = new ClusteredServiceContainer[shardCount];
        final EngineClusteredService[] services = new EngineClusteredService[shardCount];
        final StartSignallingService[] starts = new StartSignallingService[shardCount];
        ArchivingMediaDriver driver = null;
        try
        {
            final Archive.Context archive = MemberContexts.archive(aeronDir, data.resolve(ARCHIVE_DIR), member.host(),
                member.archivePort(), config.archiveSyncLevel(), errorHandler);
            driver = ArchivingMediaDriver.launch(MemberContexts.driver(aeronDir, errorHandler), archive);
            final AeronArchive.Context archiveClient = MemberContexts.archiveClient(archive);
            for (int shard = 0; shard < shardCount; shard++)
            {
                final Path shardDir = shardDirectory(data, shard);
                services[shard] = new EngineClusteredService(shard, shardDir, options.expectedSkus(),
                    options.expectedOrders(), options.tickIntervalMillis());
                final ConsensusModule.Context module = MemberContexts.consensusModule(shard, memberId,
                    config.clusterMembers(shard), member.host(), shardDir.resolve(CLUSTER_DIR), archiveClient,
                    config.heartbeatTimeoutMs(), config.heartbeatIntervalMs(), errorHandler);
                modules[shard] = ConsensusModule.launch(module);
                starts[shard] = new StartSignallingService(services[shard]);
                containers[shard] = ClusteredServiceContainer.launch(
                    MemberContexts.serviceContainer(module, starts[shard], archiveClient, errorHandler));
            }
            for (int shard = 0; shard < shardCount; shard++)
            {
                if (!starts[shard].awaitStart(SERVICE_START_TIMEOUT_MS))
                {
                    throw new IllegalStateException("shard " + shard + "'s service did not start within " +
                        SERVICE_START_TIMEOUT_MS + " ms");
                }
            }
            return new MemberHost(config, memberId, data, aeronDirectory, lock, driver, modules, containers, services);
        }
        catch (final RuntimeException ex)
        {
            try
            {
                stop(driver, modules, containers, services);
            }
            catch (final RuntimeException closeEx)
            {
                ex.addSuppressed(closeEx);
            }
            throw ex;
        }
    }

    /**
     * @param dataDirectory a member's data directory.
     * @param shard         a shard id.
     * @return the shard's directory: its member journal, and its cluster directory below.
     */
    public static Path shardDirectory(final Path dataDirectory, final int shard)
    {
        return dataDirectory.resolve(SHARD_DIR_PREFIX + shard);
    }

    /**
     * @param memberId      a member id.
     * @param dataDirectory the member's data directory.
     * @return the media driver directory the member uses: on {@code /dev/shm} if present, else the temp directory,
     * named from the member id and a hash of the data directory's absolute path.
     */
    public static Path aeronDirectory(final int memberId, final Path dataDirectory)
    {
        final Path shm = Path.of("/dev/shm");
        final Path base = Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        final String absolute = dataDirectory.toAbsolutePath().normalize().toString();
        return base.resolve("flashsale-member-" + memberId + "-" + Integer.toHexString(absolute.hashCode()));
    }

    /**
     * @param dataDirectory a member's data directory.
     * @param shardCount    shards the member hosts.
     * @return the Aeron mark files a member launch claims: the archive's, and each shard's consensus module's and
     * service container's.
     */
    static List<File> markFiles(final Path dataDirectory, final int shardCount)
    {
        final List<File> files = new ArrayList<>();
        files.add(dataDirectory.resolve(ARCHIVE_DIR).resolve(ArchiveMarkFile.FILENAME).toFile());
        for (int shard = 0; shard < shardCount; shard++)
        {
            final Path clusterDir = shardDirectory(dataDirectory, shard).resolve(CLUSTER_DIR);
            files.add(clusterDir.resolve(ClusterMarkFile.FILENAME).toFile());
            files.add(clusterDir.resolve(ClusterMarkFile.markFilenameForService(0)).toFile());
        }
        return files;
    }

    /**
     * @return the cluster file this member runs.
     */
    public ClusterConfig config()
    {
        return config;
    }

    /**
     * @return this member's id in the cluster file.
     */
    public int memberId()
    {
        return memberId;
    }

    /**
     * @return the data directory (absolute).
     */
    public Path dataDirectory()
    {
        return dataDirectory;
    }

    /**
     * @return the media driver's directory.
     */
    public Path aeronDirectory()
    {
        return aeronDirectory;
    }

    /**
     * @return shards this member hosts (all of the cluster file's).
     */
    public int shardCount()
    {
        return services.length;
    }

    /**
     * @param shard a shard id.
     * @return that shard's service on this member (read its state only after {@link #close()}; its progress getters
     * from any thread).
     */
    public EngineClusteredService service(final int shard)
    {
        return services[shard];
    }

    /**
     * @param shard a shard id.
     * @return this member's role in that shard as its service last heard it.
     */
    public Cluster.Role role(final int shard)
    {
        return services[shard].role();
    }

    /**
     * Ask a shard's cluster for a snapshot; only a leader's request is acted on (every member then snapshots).
     *
     * @param shard a shard id.
     * @return true if the request was placed (no other control request of the shard was pending).
     */
    public boolean requestSnapshot(final int shard)
    {
        return ClusterControl.ToggleState.SNAPSHOT.toggle(modules[shard].context().controlToggleCounter());
    }

    /**
     * @param shard a shard id.
     * @return snapshots this member took of that shard since launch.
     */
    public long snapshotCount(final int shard)
    {
        return modules[shard].context().snapshotCounter().get();
    }

    /**
     * Stop every shard's consensus module then its container (as upstream's test nodes do: the other members see this
     * one's log end at once), then the archive and the driver, release the journals and the directory lock; the
     * directories stay. Idempotent.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            stop(driver, modules, containers, services);
        }
        finally
        {
            lock.close();
        }
    }

    private static void stop(
        final ArchivingMediaDriver driver,
        final ConsensusModule[] modules,
        final ClusteredServiceContainer[] containers,
        final EngineClusteredService[] services)
    {
        final List<AutoCloseable> parts = new ArrayList<>();
        for (int shard = 0; shard < modules.length; shard++)
        {
            parts.add(modules[shard]);
            parts.add(containers[shard]);
        }
        parts.add(driver);
        try
        {
            CloseHelper.closeAll(parts);
        }
        finally
        {
            for (final EngineClusteredService service : services)
            {
                if (service != null)
                {
                    service.closeJournal();
                }
            }
        }
    }
}
