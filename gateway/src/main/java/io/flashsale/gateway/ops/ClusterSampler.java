package io.flashsale.gateway.ops;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.HdrHistogram.Histogram;

import io.flashsale.cluster.ShardStatus;
import io.flashsale.engine.metrics.StageLatency;
import io.flashsale.engine.pipeline.CommandPublisher;
import io.flashsale.gateway.codec.ApiCode;

/**
 * A cluster gateway's ops sampler: once a second it takes the buyers' HTTP latency interval (this is the recorder's
 * one reader), adds it to the since-start histogram {@code /metrics} and {@code /histogram} report, and appends a
 * point to the board's five-minute history (buyers' outcomes per second, latency percentiles, ring occupancy). It
 * knows what the gateway knows: no stock, GMV or engine stages (those live on the members). Readers on any thread call
 * {@link #latest()}.
 */
public final class ClusterSampler implements AutoCloseable
{
    private static final int HISTORY = 300;
    private static final double NANOS_PER_MICRO = 1_000.0;
    private static final ApiCode[] CODES = ApiCode.values();

    private final GatewayMetrics metrics;
    private final CommandPublisher ring;
    private final int shards;
    private final IntFunction<ShardStatus> status;
    private final Histogram sinceStart = new Histogram(StageLatency.HIGHEST_TRACKABLE_NANOS, 3);
    private final ArrayDeque<OpsSnapshot.Point> history = new ArrayDeque<>();
    private final long[] lastResponses = new long[CODES.length];
    private final SamplingThread sampling;
    private Histogram recycled;
    private long lastSampleNanos = System.nanoTime();
    private volatile Snapshot latest;

    /**
     * What the sampler saw at its latest tick. Immutable; the histogram must not be modified by readers.
     *
     * @param takenAtMillis end of the last interval, epoch ms.
     * @param httpSinceStart buyers' HTTP latency since start, nanoseconds.
     * @param history       the recent per-second points, oldest first (GMV and journal fields are 0: not known here).
     * @param shardsDown    the shards without a leader this gateway is connected to.
     * @param shards        the number of shards.
     */
    public record Snapshot(long takenAtMillis, Histogram httpSinceStart, OpsSnapshot.Point[] history,
        List<Integer> shardsDown, int shards)
    {
    }

    /**
     * Start sampling.
     *
     * @param metrics the gateway's counters and HTTP recorder.
     * @param ring    the router's ring.
     * @param shards  the number of shards.
     * @param status  a shard's status by shard id.
     */
    public ClusterSampler(final GatewayMetrics metrics, final CommandPublisher ring, final int shards,
        final IntFunction<ShardStatus> status)
    {
        this.metrics = metrics;
        this.ring = ring;
        this.shards = shards;
        this.status = status;
        this.latest = new Snapshot(System.currentTimeMillis(), sinceStart.copy(), new OpsSnapshot.Point[0],
            shardsDown(), shards);
        this.sampling = new SamplingThread("flashsale-cluster-ops", 1000, this::sample);
    }

    /**
     * @return the latest snapshot (never null).
     */
    public Snapshot latest()
    {
        return latest;
    }

    /**
     * Block until the sampler has taken its next sample (a second from now at the latest).
     *
     * @param timeoutMillis give up after this long.
     * @return true if a new sample was taken, false on time-out or when the sampler is closed.
     * @throws InterruptedException if interrupted while waiting.
     */
    public boolean awaitNextSample(final long timeoutMillis) throws InterruptedException
    {
        return sampling.awaitNextSample(timeoutMillis);
    }

    private synchronized void sample()
    {
        final long nowNanos = System.nanoTime();
        final double seconds = Math.max(1e-3, (nowNanos - lastSampleNanos) / 1e9);
        lastSampleNanos = nowNanos;
        recycled = metrics.sampleHttpLatency(recycled);
        sinceStart.add(recycled);
        final double[] outcomes = new double[BoardOutcome.values().length];
        long buyerResponses = 0;
        for (final ApiCode code : CODES)
        {
            final long now = metrics.responses(TrafficClass.BUYER, code);
            buyerResponses += now - lastResponses[code.ordinal()];
            outcomes[BoardOutcome.of(code).ordinal()] += (now - lastResponses[code.ordinal()]) / seconds;
            lastResponses[code.ordinal()] = now;
        }
        final Histogram h = recycled;
        final long nowMillis = System.currentTimeMillis();
        history.addLast(new OpsSnapshot.Point(nowMillis, buyerResponses / seconds, outcomes, micros(h, 50),
            micros(h, 99), micros(h, 99.9), h.getMaxValue() / NANOS_PER_MICRO, 0, ring.occupancy(), 0, 0));
        while (history.size() > HISTORY)
        {
            history.removeFirst();
        }
        latest = new Snapshot(nowMillis, sinceStart.copy(), history.toArray(new OpsSnapshot.Point[0]), shardsDown(),
            shards);
    }

    private List<Integer> shardsDown()
    {
        final List<Integer> down = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++)
        {
            if (!status.apply(shard).connected())
            {
                down.add(shard);
            }
        }
        return down;
    }

    private static double micros(final Histogram h, final double percentile)
    {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / NANOS_PER_MICRO;
    }

    /**
     * Stop sampling.
     */
    @Override
    public void close()
    {
        sampling.stop();
    }
}
