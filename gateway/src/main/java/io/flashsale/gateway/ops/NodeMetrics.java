package io.flashsale.gateway.ops;

import java.util.Arrays;
import java.util.Currency;
import java.util.Locale;

import io.flashsale.engine.command.LabelKind;
import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.metrics.EngineCounter;
import io.flashsale.engine.metrics.EngineCounters;
import io.flashsale.engine.pipeline.CommandPublisher;
import io.flashsale.engine.pipeline.Engine;
import io.flashsale.engine.state.Labels;
import io.flashsale.gateway.codec.ApiCode;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * A single node's metric families for the Prometheus client, built at scrape time from what the engine, the gateway's
 * counters and the ops sampler publish (nothing here is on the hot path):
 * <ul>
 *   <li>responses by traffic class, outcome and status; per-stage latency histograms in seconds (HTTP is buyers'
 *       requests only);</li>
 *   <li>ring, journal (size, its file system's free space), engine counters, results, failed and stalled state;</li>
 *   <li>the sale: GMV reserved and paid in the display currency, stock totals, SKU and sold-out counts, SKUs with a
 *       negative stock counter, and per-SKU series for the configured top-N hottest SKUs and the latest sold-out SKUs
 *       only, so a scrape stays the same size at a million SKUs;</li>
 *   <li>connections.</li>
 * </ul>
 * Thread-safe (reads published state only).
 */
public final class NodeMetrics implements MultiCollector
{
    private final Engine engine;
    private final GatewayMetrics metrics;
    private final OpsSampler sampler;
    private final Currency currency;

    /**
     * @param engine   the engine.
     * @param metrics  the gateway's counters.
     * @param sampler  the ops sampler (histograms, sale figures, status).
     * @param currency the display currency of prices.
     */
    public NodeMetrics(final Engine engine, final GatewayMetrics metrics, final OpsSampler sampler,
        final Currency currency)
    {
        this.engine = engine;
        this.metrics = metrics;
        this.sampler = sampler;
        this.currency = currency;
    }

    @Override
    public MetricSnapshots collect()
    {
        final OpsSnapshot snapshot = sampler.latest();
        final Families f = new Families();
        responses(f, metrics);
        final HistogramSnapshot.Builder latency = HistogramSnapshot.builder().name("flashsale_latency_seconds")
            .help("latency per stage since start, seconds (http_total: buyers' requests, arrival to response " +
                "written; ring_wait, business, journal: the engine's stages)");
        for (final LatencyStage stage : LatencyStage.values())
        {
            latency.dataPoint(LatencyBuckets.point(snapshot.total(stage),
                io.prometheus.metrics.model.snapshots.Labels.of("stage", stage.label())));
        }
        f.add(latency.build());
        ring(f, engine.publisher());
        engine(f, snapshot.status());
        sale(f, snapshot.sale());
        connections(f, metrics);
        return f.build();
    }

    static void responses(final Families f, final GatewayMetrics metrics)
    {
        final Families.Counter responses = f.counter("flashsale_http_responses",
            "HTTP responses by traffic class (buyer, synthetic: tagged with X-Flashsale-Traffic, ops, admin), " +
            "outcome code and status (every buyer outcome always; other classes' once seen)");
        for (int traffic = 0; traffic < TrafficClass.COUNT; traffic++)
        {
            for (final ApiCode code : ApiCode.values())
            {
                final long count = metrics.responses(traffic, code);
                if (traffic == TrafficClass.BUYER || count > 0)
                {
                    responses.add(count, "traffic", TrafficClass.label(traffic), "code", code.name(),
                        "status", Integer.toString(code.status().code()));
                }
            }
        }
        responses.done();
    }

    static void ring(final Families f, final CommandPublisher publisher)
    {
        f.gauge("flashsale_ring_occupancy", "ring slots claimed and not yet released", publisher.occupancy());
        f.gauge("flashsale_ring_capacity", "ring slots", publisher.capacity());
        f.gauge("flashsale_ring_occupancy_ratio", "ring occupancy over capacity",
            (double)publisher.occupancy() / publisher.capacity());
    }

    static void connections(final Families f, final GatewayMetrics metrics)
    {
        f.gauge("flashsale_http_open_connections", "open HTTP connections", metrics.openConnections().get());
        f.counter("flashsale_http_refused_connections", "connections refused over the limit",
            metrics.refusedConnections());
        f.counter("flashsale_http_timed_out_connections", "connections closed by idle or read timeout",
            metrics.timedOutConnections());
        f.counter("flashsale_gateway_reply_slots_allocated",
            "reply slots allocated because the preallocated pool was empty", metrics.extraReplySlots());
    }

    private void engine(final Families f, final OpsSnapshot.NodeStatus status)
    {
        final EngineCounters counters = engine.counters();
        f.gauge("flashsale_journal_disk_bytes", "bytes of journal files on disk", engine.journalDiskBytes());
        f.gauge("flashsale_journal_filesystem_free_bytes", "usable bytes left on the journal's file system",
            status.diskFreeBytes());
        f.gauge("flashsale_journal_filesystem_size_bytes", "size of the journal's file system",
            status.diskTotalBytes());
        f.gauge("flashsale_engine_failed", "1 once the engine stopped acknowledging after a journal or internal " +
            "failure", engine.failed() || counters.get(EngineCounter.FAILURES) > 0 ? 1 : 0);
        f.gauge("flashsale_engine_stalled_seconds", "how long commands have waited in the ring with none " +
            "processed (0 while the engine progresses or is idle)", status.stalledSeconds());
        f.gauge("flashsale_engine_acknowledging", "1 while the node acknowledges orders (not failed, not stalled, " +
            "most buyers' responses not UNAVAILABLE)", status.acknowledging() ? 1 : 0);
        for (final EngineCounter c : EngineCounter.values())
        {
            f.counter("flashsale_engine_" + c.name().toLowerCase(Locale.ROOT), c.label(), counters.get(c));
        }
        final Families.Counter results = f.counter("flashsale_engine_results",
            "engine results by outcome (every caller, warm-up included)");
        for (final ResultCode r : ResultCode.values())
        {
            if (r != ResultCode.PENDING && r != ResultCode.OVERLOADED)
            {
                results.add(counters.results(r), "result", r.name());
            }
        }
        results.done();
    }

    private void sale(final Families f, final SaleFigures sale)
    {
        final double minorPerMajor = Math.pow(10, Math.max(0, currency.getDefaultFractionDigits()));
        final String code = currency.getCurrencyCode();
        f.gauge("flashsale_gmv", "gross merchandise value of the units in orders, in the display currency: " +
            "reserved (held by unpaid orders) and paid")
            .add(sale.gmvReservedMinor() / minorPerMajor, "state", "reserved", "currency", code)
            .add(sale.gmvPaidMinor() / minorPerMajor, "state", "paid", "currency", code)
            .done();
        f.gauge("flashsale_stock_units", "units over every SKU: available (on sale), held (unpaid orders), sold " +
            "(paid)")
            .add(sale.unitsAvailable(), "state", "available")
            .add(sale.unitsHeld(), "state", "held")
            .add(sale.unitsSold(), "state", "sold")
            .done();
        f.gauge("flashsale_skus", "SKUs in the catalogue", sale.skus());
        f.gauge("flashsale_skus_sold_out", "SKUs whose every unit is held or sold", sale.skusSoldOut());
        f.gauge("flashsale_skus_negative_stock", "SKUs with a negative stock counter (a broken invariant; " +
            "checked every second)", sale.skusNegative());
        final Labels names = engine.labels();
        final Families.Gauge units = f.gauge("flashsale_hot_sku_units",
            "units per state of the top-N hottest SKUs (--metrics-top-skus)");
        final Families.Gauge rate = f.gauge("flashsale_hot_sku_reserved_units_per_second",
            "units reserved per second of the top-N hottest SKUs, averaged over about a minute");
        for (final SaleFigures.HotSku hot : sale.hot())
        {
            final String[] labels = skuLabels(names, hot.sale(), hot.sku(), hot.store());
            units.add(hot.available(), with(labels, "available"));
            units.add(hot.held(), with(labels, "held"));
            units.add(hot.sold(), with(labels, "sold"));
            rate.add(hot.takenPerSecond(), labels);
        }
        units.done();
        rate.done();
        final Families.Gauge soldOut = f.gauge("flashsale_sku_sold_out_timestamp_seconds",
            "when the latest SKUs to sell out were first seen sold out (at most " + SaleTracker.SOLD_OUT_LISTED +
            ")");
        for (final SaleFigures.SoldOut s : sale.soldOut())
        {
            soldOut.add(s.atMillis() / 1000.0, "sku", Long.toString(s.sku()),
                "sku_name", name(names, LabelKind.SKU, s.sku()), "store_name", name(names, LabelKind.STORE, s.store()));
        }
        soldOut.done();
    }

    private static String[] skuLabels(final Labels names, final long sale, final long sku, final long store)
    {
        return new String[] {"sale", Long.toString(sale), "sku", Long.toString(sku),
            "sku_name", name(names, LabelKind.SKU, sku), "store_name", name(names, LabelKind.STORE, store)};
    }

    private static String[] with(final String[] labels, final String state)
    {
        final String[] out = Arrays.copyOf(labels, labels.length + 2);
        out[labels.length] = "state";
        out[labels.length + 1] = state;
        return out;
    }

    static String name(final Labels names, final int kind, final long id)
    {
        final String name = names.name(kind, id);
        return name == null ? "#" + id : name;
    }
}
