package io.flashsale.cluster.support;

import java.nio.file.Path;

import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.Header;
import io.flashsale.cluster.CommandDescriptor;
import io.flashsale.cluster.ResultCodec;
import io.flashsale.cluster.ShardMemberConfig;
import io.flashsale.engine.command.OrderState;
import io.flashsale.engine.command.ResultCode;

/**
 * A cluster client for tests, with its own media driver: encode a command into {@link #buffer()}, {@link #offer} it,
 * and find its answer by correlation id in {@link #result}. Counts new-leader events so a test can resend. Used from
 * the test thread only.
 */
public final class TestShardClient implements AutoCloseable, EgressListener
{
    /** An answer as the test sees it. */
    public record Result(long correlationId, ResultCode code, long orderId, OrderState orderState, long available,
        long held, long sold)
    {
    }

    private final Path aeronDir;
    private final MediaDriver driver;
    private final AeronCluster cluster;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandDescriptor.MAX_LENGTH]);
    private final Long2ObjectHashMap<Result> results = new Long2ObjectHashMap<>();
    private long newLeaders;
    private long lastKeepAliveNs = System.nanoTime();

    /**
     * Start a media driver and connect to the shard's cluster (the cluster must have a leader).
     *
     * @param config   the shard's configuration (ingress endpoints).
     * @param aeronDir the client's media driver directory, deleted on close.
     */
    public TestShardClient(final ShardMemberConfig config, final Path aeronDir)
    {
        this(config.ingressEndpoints(), aeronDir);
    }

    /**
     * Start a media driver and connect to a cluster (the cluster must have a leader).
     *
     * @param ingressEndpoints the cluster's ingress endpoints, {@code id=host:port,...}.
     * @param aeronDir         the client's media driver directory, deleted on close.
     */
    public TestShardClient(final String ingressEndpoints, final Path aeronDir)
    {
        this.aeronDir = aeronDir;
        driver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(aeronDir.toString())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy())
            .termBufferSparseFile(true)
            .publicationTermBufferLength(256 * 1024)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        cluster = AeronCluster.connect(new AeronCluster.Context()
            .aeronDirectoryName(aeronDir.toString())
            .ingressChannel("aeron:udp?term-length=64k")
            .ingressEndpoints(ingressEndpoints)
            .egressChannel("aeron:udp?endpoint=localhost:0")
            .egressListener(this));
    }

    /**
     * @return the buffer to encode the next command into (from offset 0).
     */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * Offer the encoded command, polling the egress while the ingress is back-pressured.
     *
     * @param length encoded length.
     */
    public void offer(final int length)
    {
        Await.until(this::poll, () -> cluster.offer(buffer, 0, length) > 0);
    }

    /**
     * Poll the egress once, and keep the session alive.
     */
    public void poll()
    {
        cluster.pollEgress();
        final long now = System.nanoTime();
        if (now - lastKeepAliveNs > 500_000_000L)
        {
            lastKeepAliveNs = now;
            cluster.sendKeepAlive();
        }
    }

    /**
     * @param correlationId a command's correlation id.
     * @return its answer, or null if none arrived yet.
     */
    public Result result(final long correlationId)
    {
        return results.get(correlationId);
    }

    /**
     * Wait for a command's answer.
     *
     * @param correlationId the command's correlation id.
     * @return its answer.
     */
    public Result await(final long correlationId)
    {
        Await.until(this::poll, () -> results.containsKey(correlationId));
        return results.get(correlationId);
    }

    /**
     * @return new-leader events seen.
     */
    public long newLeaders()
    {
        return newLeaders;
    }

    @Override
    public void onMessage(
        final long clusterSessionId,
        final long timestamp,
        final DirectBuffer message,
        final int offset,
        final int length,
        final Header header)
    {
        final long correlationId = ResultCodec.correlationId(message, offset);
        results.put(correlationId, new Result(correlationId, ResultCodec.result(message, offset),
            ResultCodec.orderId(message, offset), ResultCodec.orderState(message, offset),
            ResultCodec.available(message, offset), ResultCodec.held(message, offset),
            ResultCodec.sold(message, offset)));
    }

    @Override
    public void onNewLeader(
        final long clusterSessionId,
        final long leadershipTermId,
        final int leaderMemberId,
        final String ingressEndpoints)
    {
        newLeaders++;
    }

    /**
     * Close the session and the media driver, and delete its directory.
     */
    @Override
    public void close()
    {
        CloseHelper.closeAll(cluster, driver);
        IoUtil.delete(aeronDir.toFile(), true);
    }
}
