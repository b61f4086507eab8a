package io.flashsale.cluster;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.NoOpLock;

import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;

/**
 * The Aeron contexts a member runs with, in one place so a single-shard {@link ShardMember} and a many-shard
 * {@link MemberHost} launch alike: SHARED threading and back-off idling everywhere (a 2-core box), sparse small term
 * buffers, the archive controlled over local IPC by the member's own cluster components.
 * <p>
 * Several clusters on one media driver: each cluster has its own cluster id (its counters are found by it), its own
 * ports (ingress, consensus, log, catch-up) and its own block of IPC stream ids ({@link #STREAM_ID_STRIDE} per
 * cluster id) for the streams between its consensus module and its service container, as upstream
 * {@code MultiModuleSharedDriverTest} does; cluster id 0 keeps Aeron's default stream ids.
 */
final class MemberContexts
{
    /** Stream ids between one cluster's consensus module and service container, per cluster id. */
    static final int STREAM_ID_STRIDE = 100;
    /** Term length of the driver's UDP and IPC publications (sparse files). */
    static final int TERM_LENGTH = 256 * 1024;

    private MemberContexts()
    {
    }

    /**
     * @param aeronDirectory the driver's directory, deleted on start and on shutdown.
     * @param errorHandler   receives the driver's errors.
     * @return a SHARED-threading media driver context.
     */
    static MediaDriver.Context driver(final String aeronDirectory, final ErrorHandler errorHandler)
    {
        return new MediaDriver.Context()
            .aeronDirectoryName(aeronDirectory)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy())
            .termBufferSparseFile(true)
            .publicationTermBufferLength(TERM_LENGTH)
            .ipcTermBufferLength(TERM_LENGTH)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .errorHandler(errorHandler);
    }

    /**
     * @param aeronDirectory the driver's directory.
     * @param archiveDir     where recordings and the catalog live (kept across launches).
     * @param host           the address the control endpoint binds to.
     * @param controlPort    the archive's control port (other members replicate through it).
     * @param syncLevel      file and catalog sync level: 0 page cache, 1 data, 2 data and metadata.
     * @param errorHandler   receives the archive's errors.
     * @return a SHARED-threading archive context.
     */
    static Archive.Context archive(
        final String aeronDirectory,
        final Path archiveDir,
        final String host,
        final int controlPort,
        final int syncLevel,
        final ErrorHandler errorHandler)
    {
        return new Archive.Context()
            .aeronDirectoryName(aeronDirectory)
            .archiveDir(archiveDir.toFile())
            .controlChannel("aeron:udp?endpoint=" + host + ":" + controlPort)
            .localControlChannel("aeron:ipc?term-length=64k")
            .replicationChannel("aeron:udp?endpoint=" + host + ":0")
            .recordingEventsEnabled(false)
            .fileSyncLevel(syncLevel)
            .catalogFileSyncLevel(syncLevel)
            .threadingMode(ArchiveThreadingMode.SHARED)
            .idleStrategySupplier(BackoffIdleStrategy::new)
            .deleteArchiveOnStart(false)
            .errorHandler(errorHandler);
    }

    /**
     * @param archive the member's archive.
     * @return a client context reaching that archive over its local IPC control channel; clone it per component.
     */
    static AeronArchive.Context archiveClient(final Archive.Context archive)
    {
        return new AeronArchive.Context()
            .lock(NoOpLock.INSTANCE)
            .controlRequestChannel(archive.localControlChannel())
            .controlRequestStreamId(archive.localControlStreamId())
            .controlResponseChannel(archive.localControlChannel())
            .aeronDirectoryName(archive.aeronDirectoryName());
    }

    /**
     * @param clusterId          the cluster (shard) id; it also selects the IPC stream id block.
     * @param memberId           this member.
     * @param clusterMembers     the cluster members string.
     * @param host               this member's host (replication endpoint).
     * @param clusterDir         the consensus module's directory (recording log, node state, mark file).
     * @param archiveClient      the archive client context (cloned here).
     * @param heartbeatTimeoutMs a follower starts an election after this long without the leader.
     * @param heartbeatIntervalMs how often the leader proves it is alive.
     * @param errorHandler       receives the module's errors and warnings.
     * @return the consensus module context.
     */
    static ConsensusModule.Context consensusModule(
        final int clusterId,
        final int memberId,
        final String clusterMembers,
        final String host,
        final Path clusterDir,
        final AeronArchive.Context archiveClient,
        final long heartbeatTimeoutMs,
        final long heartbeatIntervalMs,
        final ErrorHandler errorHandler)
    {
        final int streamOffset = clusterId * STREAM_ID_STRIDE;
        final ConsensusModule.Context context = new ConsensusModule.Context()
            .clusterId(clusterId)
            .clusterMemberId(memberId)
            .clusterMembers(clusterMembers)
            .clusterDir(clusterDir.toFile())
            .aeronDirectoryName(archiveClient.aeronDirectoryName())
            .ingressChannel("aeron:udp?term-length=64k")
            .logChannel("aeron:udp?term-length=256k")
            .replicationChannel("aeron:udp?endpoint=" + host + ":0")
            .archiveContext(archiveClient.clone())
            .leaderHeartbeatTimeoutNs(TimeUnit.MILLISECONDS.toNanos(heartbeatTimeoutMs))
            .leaderHeartbeatIntervalNs(TimeUnit.MILLISECONDS.toNanos(heartbeatIntervalMs))
            .idleStrategySupplier(BackoffIdleStrategy::new)
            .deleteDirOnStart(false)
            .errorHandler(errorHandler);
        return context
            .replayStreamId(context.replayStreamId() + streamOffset)
            .serviceStreamId(context.serviceStreamId() + streamOffset)
            .consensusModuleStreamId(context.consensusModuleStreamId() + streamOffset)
            .snapshotStreamId(context.snapshotStreamId() + streamOffset);
    }

    /**
     * @param consensusModule the cluster's consensus module context on this member (cluster id, directory, streams).
     * @param service         the service the container runs.
     * @param archiveClient   the archive client context (cloned here).
     * @param errorHandler    receives the container's errors.
     * @return the service container context, on the consensus module's cluster id, directory and stream ids.
     */
    static ClusteredServiceContainer.Context serviceContainer(
        final ConsensusModule.Context consensusModule,
        final ClusteredService service,
        final AeronArchive.Context archiveClient,
        final ErrorHandler errorHandler)
    {
        final int streamOffset = consensusModule.clusterId() * STREAM_ID_STRIDE;
        final ClusteredServiceContainer.Context context = new ClusteredServiceContainer.Context()
            .clusterId(consensusModule.clusterId())
            .aeronDirectoryName(consensusModule.aeronDirectoryName())
            .archiveContext(archiveClient.clone())
            .clusterDir(consensusModule.clusterDir())
            .clusteredService(service)
            .idleStrategySupplier(BackoffIdleStrategy::new)
            .errorHandler(errorHandler);
        return context
            .replayStreamId(context.replayStreamId() + streamOffset)
            .serviceStreamId(consensusModule.serviceStreamId())
            .consensusModuleStreamId(consensusModule.consensusModuleStreamId())
            .snapshotStreamId(context.snapshotStreamId() + streamOffset);
    }
}
