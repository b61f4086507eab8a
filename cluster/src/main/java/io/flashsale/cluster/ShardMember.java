package io.flashsale.cluster;

import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;

import io.aeron.archive.Archive;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;

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
        final MediaDriver.Context driverContext = MemberContexts.driver(aeronDir, errorHandler);
        final Archive.Context archiveContext = MemberContexts.archive(aeronDir,
            config.baseDirectory().resolve(ARCHIVE_DIR), config.host(), config.port(config.memberId(), 4), 0,
            errorHandler);
        final AeronArchive.Context archiveClient = MemberContexts.archiveClient(archiveContext);
        final ConsensusModule.Context consensusContext = MemberContexts.consensusModule(config.clusterId(),
            config.memberId(), config.clusterMembers(), config.host(), config.baseDirectory().resolve(CLUSTER_DIR),
            archiveClient, config.leaderHeartbeatTimeoutMs(), config.leaderHeartbeatIntervalMs(), errorHandler);

        final EngineClusteredService service = new EngineClusteredService(config.clusterId(),
            config.baseDirectory(), config.expectedSkus(), config.expectedOrders(), config.tickIntervalMillis());
        final ClusteredServiceContainer.Context serviceContext =
            MemberContexts.serviceContainer(consensusContext, service, archiveClient, errorHandler);

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
