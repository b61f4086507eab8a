package io.flashsale.gateway.ops;

import java.util.List;
import java.util.function.ToLongFunction;

import org.HdrHistogram.Histogram;

import io.flashsale.cluster.ShardStatus;
import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.metrics.EngineCounter;
import io.flashsale.engine.metrics.EngineCounters;
import io.flashsale.engine.pipeline.CommandPublisher;
import io.flashsale.engine.pipeline.Engine;
import io.flashsale.engine.state.CatalogView;
import io.flashsale.gateway.codec.ApiCode;

/**
 * Writes the Prometheus text exposition format (version 0.0.4) by hand: the format is a few lines of
 * {@code # HELP}, {@code # TYPE} and samples, and every label value here is a number or an enum name, so no escaping
 * library is needed and the gateway keeps one dependency fewer. Thread-safe (stateless).
 */
public final class MetricsRenderer
{
    private static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999, 1.0};
    private static final double NANOS_PER_SECOND = 1e9;

    private MetricsRenderer()
    {
    }

    /**
     * @param engine   the engine (counters, ring, journal, catalogue).
     * @param metrics  the gateway's counters.
     * @param snapshot the ops sampler's latest snapshot.
     * @param nowMillis the time used to decide which sales are open.
     * @return the exposition text.
     */
    public static String render(final Engine engine, final GatewayMetrics metrics, final OpsSnapshot snapshot,
        final long nowMillis)
    {
        final StringBuilder out = new StringBuilder(16 * 1024);
        responses(out, metrics);
        latency(out, snapshot);
        ring(out, engine.publisher());
        engineCounters(out, engine);
        stock(out, engine.catalogView(), nowMillis);
        gauge(out, "flashsale_http_open_connections", "open HTTP connections", metrics.openConnections().get());
        counter(out, "flashsale_http_refused_connections_total", "connections refused over the limit",
            metrics.refusedConnections());
        counter(out, "flashsale_http_timed_out_connections_total", "connections closed by idle or read timeout",
            metrics.timedOutConnections());
        counter(out, "flashsale_gateway_reply_slots_allocated_total",
            "reply slots allocated because the preallocated pool was empty", metrics.extraReplySlots());
        return out.toString();
    }

    /**
     * A cluster gateway's exposition: its responses and connections, its ring, and per shard what its router counts.
     *
     * @param metrics  the gateway's counters.
     * @param ring     the router's ring.
     * @param shards   each shard's status, by shard id.
     * @return the exposition text.
     */
    public static String renderCluster(final GatewayMetrics metrics, final CommandPublisher ring,
        final List<ShardStatus> shards)
    {
        final StringBuilder out = new StringBuilder(8 * 1024);
        responses(out, metrics);
        ring(out, ring);
        shardSeries(out, shards, "flashsale_shard_connected", "1 while connected to the shard's leader",
            "gauge", s -> s.connected() ? 1 : 0);
        shardSeries(out, shards, "flashsale_shard_leader_member", "the shard's leader as announced to this gateway",
            "gauge", s -> s.leaderMemberId());
        shardSeries(out, shards, "flashsale_shard_in_flight", "commands sent to the shard and not answered yet",
            "gauge", ShardStatus::inFlight);
        shardSeries(out, shards, "flashsale_shard_answered_total", "results the shard returned", "counter",
            ShardStatus::answered);
        shardSeries(out, shards, "flashsale_shard_resent_total",
            "commands sent again after a leader change, reconnect or no answer", "counter", ShardStatus::resent);
        shardSeries(out, shards, "flashsale_shard_unavailable_total",
            "commands answered UNAVAILABLE after the bound", "counter", ShardStatus::unavailable);
        shardSeries(out, shards, "flashsale_shard_leader_changes_total", "new-leader events heard", "counter",
            ShardStatus::newLeaderEvents);
        gauge(out, "flashsale_http_open_connections", "open HTTP connections", metrics.openConnections().get());
        counter(out, "flashsale_http_refused_connections_total", "connections refused over the limit",
            metrics.refusedConnections());
        counter(out, "flashsale_http_timed_out_connections_total", "connections closed by idle or read timeout",
            metrics.timedOutConnections());
        return out.toString();
    }

    private static void shardSeries(final StringBuilder out, final List<ShardStatus> shards, final String name,
        final String help, final String type, final ToLongFunction<ShardStatus> value)
    {
        header(out, name, help, type);
        for (final ShardStatus status : shards)
        {
            out.append(name).append("{shard=\"").append(status.shard()).append("\"} ")
                .append(value.applyAsLong(status)).append('\n');
        }
    }

    private static void responses(final StringBuilder out, final GatewayMetrics metrics)
    {
        header(out, "flashsale_http_responses_total", "HTTP responses by outcome code and status", "counter");
        for (final ApiCode code : ApiCode.values())
        {
            out.append("flashsale_http_responses_total{code=\"").append(code.name()).append("\",status=\"")
                .append(code.status().code()).append("\"} ").append(metrics.responses(code)).append('\n');
        }
    }

    private static void latency(final StringBuilder out, final OpsSnapshot snapshot)
    {
        header(out, "flashsale_latency_seconds", "latency per stage since start (HdrHistogram)", "summary");
        for (final LatencyStage stage : LatencyStage.values())
        {
            final Histogram h = snapshot.total(stage);
            for (final double q : QUANTILES)
            {
                out.append("flashsale_latency_seconds{stage=\"").append(stage.label()).append("\",quantile=\"")
                    .append(q).append("\"} ").append(seconds(h, q)).append('\n');
            }
            out.append("flashsale_latency_seconds_sum{stage=\"").append(stage.label()).append("\"} ")
                .append(h.getTotalCount() == 0 ? 0.0 : h.getMean() * h.getTotalCount() / NANOS_PER_SECOND)
                .append('\n');
            out.append("flashsale_latency_seconds_count{stage=\"").append(stage.label()).append("\"} ")
                .append(h.getTotalCount()).append('\n');
        }
        header(out, "flashsale_latency_interval_seconds", "latency per stage over the last sampling interval",
            "gauge");
        for (final LatencyStage stage : LatencyStage.values())
        {
            final Histogram h = snapshot.interval(stage);
            for (final double q : QUANTILES)
            {
                out.append("flashsale_latency_interval_seconds{stage=\"").append(stage.label())
                    .append("\",quantile=\"").append(q).append("\"} ").append(seconds(h, q)).append('\n');
            }
        }
    }

    private static double seconds(final Histogram h, final double quantile)
    {
        if (h.getTotalCount() == 0)
        {
            return 0.0;
        }
        final long nanos = quantile >= 1.0 ? h.getMaxValue() : h.getValueAtPercentile(quantile * 100.0);
        return nanos / NANOS_PER_SECOND;
    }

    private static void ring(final StringBuilder out, final CommandPublisher publisher)
    {
        gauge(out, "flashsale_ring_occupancy", "ring slots claimed and not yet released", publisher.occupancy());
        gauge(out, "flashsale_ring_capacity", "ring slots", publisher.capacity());
        gauge(out, "flashsale_ring_occupancy_ratio", "ring occupancy over capacity",
            (double)publisher.occupancy() / publisher.capacity());
    }

    private static void engineCounters(final StringBuilder out, final Engine engine)
    {
        final EngineCounters counters = engine.counters();
        gauge(out, "flashsale_journal_disk_bytes", "bytes of journal files on disk", engine.journalDiskBytes());
        gauge(out, "flashsale_engine_failed", "1 once the engine stopped acknowledging", engine.failed() ? 1 : 0);
        for (final EngineCounter c : EngineCounter.values())
        {
            counter(out, "flashsale_engine_" + c.name().toLowerCase(java.util.Locale.ROOT) + "_total", c.label(),
                counters.get(c));
        }
        header(out, "flashsale_engine_results_total", "engine results by outcome", "counter");
        for (final ResultCode r : ResultCode.values())
        {
            if (r == ResultCode.PENDING || r == ResultCode.OVERLOADED)
            {
                continue;
            }
            out.append("flashsale_engine_results_total{result=\"").append(r.name()).append("\"} ")
                .append(counters.results(r)).append('\n');
        }
    }

    private static void stock(final StringBuilder out, final CatalogView catalog, final long nowMillis)
    {
        header(out, "flashsale_sku_available", "units still on sale per SKU of the open sales", "gauge");
        final StringBuilder held = new StringBuilder();
        final StringBuilder sold = new StringBuilder();
        final int skus = catalog.skuCount();
        for (int k = 0; k < skus; k++)
        {
            final int sale = catalog.skuSale(k);
            if (nowMillis < catalog.saleOpenAt(sale) || nowMillis >= catalog.saleCloseAt(sale))
            {
                continue;
            }
            final String labels = "{sale=\"" + catalog.saleId(sale) + "\",sku=\"" + catalog.skuId(k) + "\"} ";
            out.append("flashsale_sku_available").append(labels).append(catalog.skuAvailable(k)).append('\n');
            held.append("flashsale_sku_held").append(labels).append(catalog.skuHeld(k)).append('\n');
            sold.append("flashsale_sku_sold").append(labels).append(catalog.skuSold(k)).append('\n');
        }
        header(out, "flashsale_sku_held", "units held by unpaid orders per SKU of the open sales", "gauge");
        out.append(held);
        header(out, "flashsale_sku_sold", "units paid per SKU of the open sales", "gauge");
        out.append(sold);
    }

    private static void header(final StringBuilder out, final String name, final String help, final String type)
    {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void gauge(final StringBuilder out, final String name, final String help, final double value)
    {
        header(out, name, help, "gauge");
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void gauge(final StringBuilder out, final String name, final String help, final long value)
    {
        header(out, name, help, "gauge");
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void counter(final StringBuilder out, final String name, final String help, final long value)
    {
        header(out, name, help, "counter");
        out.append(name).append(' ').append(value).append('\n');
    }
}
