package io.flashsale.cluster;

import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.NoOpLock;

import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;

/**
 * One running member of a shard's cluster: a media driver, an archive and a consensus module
 * ({@link ClusteredMediaDriver}, all SHARED threading with back-off idling, sparse term buffers) and a service
 * container running an {@link EngineClusteredService}. Its directories live under the config's base directory and
 * survive {@link #close()}, so a member launched again on the same directory recovers from its snapshot and log.
 * <p>
 * Launch and close from one thread; the member runs on its own agent threads in between.
 */
public final class ShardMember implements AutoCloseable
{
    private static final String CLUSTER_DIR = "cluster";
    private static final String ARCHIVE_DIR = "archive";

    private final ShardMemberConfig config;
    private final EngineClusteredService service;
    private final ClusteredMediaDriver driver;
    private final ClusteredServiceContainer container;

    private ShardMember(
        final ShardMemberConfig config,
        final EngineClusteredService service,
        final ClusteredMediaDriver driver,
        final ClusteredServiceContainer container)
    {
        this.config = config;
        this.service = service;
        this.driver = driver;
        this.container = container;
    }

    /**
     * Launch a member.
     *
     * @param config       where and how.
     * @param errorHandler receives the member's errors and warnings (elections, log truncation are reported here).
     * @return the running member, owned by the caller.
     */
    public static ShardMember launch(final ShardMemberConfig config, final ErrorHandler errorHandler)
    {
        final String aeronDir = config.aeronDirectory().toString();
        final String host = config.host();
        final int member = config.memberId();

        final MediaDriver.Context driverContext = new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy())
            .termBufferSparseFile(true)
            .publicationTermBufferLength(256 * 1024)
            .ipcTermBufferLength(256 * 1024)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .errorHandler(errorHandler);

        final Archive.Context archiveContext = new Archive.Context()
            .aeronDirectoryName(aeronDir)
            .archiveDir(config.baseDirectory().resolve(ARCHIVE_DIR).toFile())
            .controlChannel("aeron:udp?endpoint=" + host + ":" + config.port(member, 4))
            .localControlChannel("aeron:ipc?term-length=64k")
            .replicationChannel("aeron:udp?endpoint=" + host + ":0")
            .recordingEventsEnabled(false)
            .threadingMode(ArchiveThreadingMode.SHARED)
            .idleStrategySupplier(BackoffIdleStrategy::new)
            .deleteArchiveOnStart(false)
            .errorHandler(errorHandler);

        final AeronArchive.Context archiveClient = new AeronArchive.Context()
            .lock(NoOpLock.INSTANCE)
            .controlRequestChannel(archiveContext.localControlChannel())
            .controlRequestStreamId(archiveContext.localControlStreamId())
            .controlResponseChannel(archiveContext.localControlChannel())
            .aeronDirectoryName(aeronDir);

        final ConsensusModule.Context consensusContext = new ConsensusModule.Context()
            .clusterId(config.clusterId())
            .clusterMemberId(member)
            .clusterMembers(config.clusterMembers())
            .clusterDir(config.baseDirectory().resolve(CLUSTER_DIR).toFile())
            .aeronDirectoryName(aeronDir)
            .ingressChannel("aeron:udp?term-length=64k")
            .logChannel("aeron:udp?term-length=256k")
            .replicationChannel("aeron:udp?endpoint=" + host + ":0")
            .archiveContext(archiveClient.clone())
            .leaderHeartbeatTimeoutNs(TimeUnit.MILLISECONDS.toNanos(config.leaderHeartbeatTimeoutMs()))
            .leaderHeartbeatIntervalNs(TimeUnit.MILLISECONDS.toNanos(config.leaderHeartbeatIntervalMs()))
            .idleStrategySupplier(BackoffIdleStrategy::new)
            .deleteDirOnStart(false)
            .errorHandler(errorHandler);

        final EngineClusteredService service = new EngineClusteredService(config.clusterId(),
            config.baseDirectory(), config.expectedSkus(), config.expectedOrders(), config.tickIntervalMillis());
        final ClusteredServiceContainer.Context serviceContext = new ClusteredServiceContainer.Context()
            .clusterId(config.clusterId())
            .aeronDirectoryName(aeronDir)
            .archiveContext(archiveClient.clone())
            .clusterDir(config.baseDirectory().resolve(CLUSTER_DIR).toFile())
            .clusteredService(service)
            .idleStrategySupplier(BackoffIdleStrategy::new)
            .errorHandler(errorHandler);

        ClusteredMediaDriver driver = null;
        try
        {
            driver = ClusteredMediaDriver.launch(driverContext, archiveContext, consensusContext);
            final ClusteredServiceContainer container = ClusteredServiceContainer.launch(serviceContext);
            return new ShardMember(config, service, driver, container);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(driver);
            service.closeJournal();
            throw ex;
        }
    }

    /**
     * @return the member's configuration.
     */
    public ShardMemberConfig config()
    {
        return config;
    }

    /**
     * @return the member's service (read its state only after {@link #close()} or through the cluster).
     */
    public EngineClusteredService service()
    {
        return service;
    }

    /**
     * @return this member's role as its service last heard it (any thread).
     */
    public Cluster.Role role()
    {
        return service.role();
    }

    /**
     * Ask the cluster for a snapshot; only a leader's request is acted on (every member then snapshots).
     *
     * @return true if the request was placed (no other control request was pending).
     */
    public boolean requestSnapshot()
    {
        return ClusterControl.ToggleState.SNAPSHOT.toggle(driver.consensusModule().context().controlToggleCounter());
    }

    /**
     * @return snapshots this member's consensus module has taken since launch (any thread).
     */
    public long snapshotCount()
    {
        return driver.consensusModule().context().snapshotCounter().get();
    }

    /**
     * Stop the service container and the clustered media driver; the directories stay.
     */
    @Override
    public void close()
    {
        CloseHelper.closeAll(container, driver);
        service.closeJournal();
    }
}
