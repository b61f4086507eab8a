package io.flashsale.gateway.ops;

import java.util.function.IntFunction;
import java.util.function.ToLongFunction;

import io.flashsale.cluster.ShardStatus;
import io.flashsale.engine.pipeline.CommandPublisher;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * A cluster gateway's metric families: its responses by traffic class, its buyers' HTTP latency histogram (arrival
 * to response written, the shard's round trip included), its ring, per shard what its router counts, and its
 * connections. The engine's stages, stock and GMV live on the members and are not reported here. The latency
 * histogram is the {@link ClusterSampler}'s since-start accumulation (at most a second old). Thread-safe.
 */
public final class ClusterMetrics implements MultiCollector
{
    private final GatewayMetrics metrics;
    private final CommandPublisher ring;
    private final int shards;
    private final IntFunction<ShardStatus> status;
    private final ClusterSampler sampler;

    /**
     * @param metrics the gateway's counters.
     * @param ring    the router's ring.
     * @param shards  number of shards.
     * @param status  a shard's status by shard id.
     * @param sampler the gateway's ops sampler (buyers' HTTP latency since start).
     */
    public ClusterMetrics(final GatewayMetrics metrics, final CommandPublisher ring, final int shards,
        final IntFunction<ShardStatus> status, final ClusterSampler sampler)
    {
        this.metrics = metrics;
        this.ring = ring;
        this.shards = shards;
        this.status = status;
        this.sampler = sampler;
    }

    @Override
    public MetricSnapshots collect()
    {
        final Families f = new Families();
        NodeMetrics.responses(f, metrics);
        f.add(HistogramSnapshot.builder().name("flashsale_latency_seconds")
            .help("latency since start, seconds (http_total: buyers' requests, arrival to response written)")
            .dataPoint(LatencyBuckets.point(sampler.latest().httpSinceStart(),
                Labels.of("stage", LatencyStage.HTTP_TOTAL.label())))
            .build());
        NodeMetrics.ring(f, ring);
        shardSeries(f.gauge("flashsale_shard_connected", "1 while connected to the shard's leader"),
            s -> s.connected() ? 1 : 0);
        shardSeries(f.gauge("flashsale_shard_leader_member", "the shard's leader as announced to this gateway"),
            ShardStatus::leaderMemberId);
        shardSeries(f.gauge("flashsale_shard_in_flight", "commands sent to the shard and not answered yet"),
            ShardStatus::inFlight);
        shardSeries(f.counter("flashsale_shard_answered", "results the shard returned"), ShardStatus::answered);
        shardSeries(f.counter("flashsale_shard_resent",
            "commands sent again after a leader change, reconnect or no answer"), ShardStatus::resent);
        shardSeries(f.counter("flashsale_shard_unavailable", "commands answered UNAVAILABLE after the bound"),
            ShardStatus::unavailable);
        shardSeries(f.counter("flashsale_shard_leader_changes", "new-leader events heard"),
            ShardStatus::newLeaderEvents);
        NodeMetrics.connections(f, metrics);
        return f.build();
    }

    private void shardSeries(final Families.Gauge gauge, final ToLongFunction<ShardStatus> value)
    {
        for (int shard = 0; shard < shards; shard++)
        {
            gauge.add(value.applyAsLong(status.apply(shard)), "shard", Integer.toString(shard));
        }
        gauge.done();
    }

    private void shardSeries(final Families.Counter counter, final ToLongFunction<ShardStatus> value)
    {
        for (int shard = 0; shard < shards; shard++)
        {
            counter.add(value.applyAsLong(status.apply(shard)), "shard", Integer.toString(shard));
        }
        counter.done();
    }
}
