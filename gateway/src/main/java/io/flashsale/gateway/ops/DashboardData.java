package io.flashsale.gateway.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Currency;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.flashsale.engine.command.LabelKind;
import io.flashsale.engine.pipeline.CommandPublisher;
import io.flashsale.engine.pipeline.Engine;
import io.flashsale.engine.state.Labels;
import io.flashsale.gateway.codec.ApiCode;

/**
 * The JSON the sale board polls ({@code /dashboard/data}): the node's status, the sale's totals, the last five
 * minutes per second (buyers' outcomes, orders/s, GMV, HTTP latency percentiles and journal commit p99 in
 * milliseconds, ring occupancy), the hottest SKUs and the sold-out list with names. Buyers' traffic only
 * ({@link TrafficClass}). Money in minor units with the currency's code and digits. Thread-safe (stateless).
 */
public final class DashboardData
{
    private static final JsonFactory JSON = new JsonFactory();
    private static final double MICROS_PER_MILLI = 1000.0;

    private DashboardData()
    {
    }

    /**
     * @param snapshot the ops sampler's latest snapshot.
     * @param engine   the engine (ring, journal size, names).
     * @param metrics  the gateway's counters.
     * @param currency the display currency.
     * @return UTF-8 JSON.
     */
    public static byte[] render(final OpsSnapshot snapshot, final Engine engine, final GatewayMetrics metrics,
        final Currency currency)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try (JsonGenerator g = JSON.createGenerator(out))
        {
            g.writeStartObject();
            g.writeNumberField("takenAt", snapshot.takenAtMillis());
            currency(g, currency);
            status(g, snapshot.status(), engine);
            totals(g, snapshot.sale(), metrics);
            g.writeArrayFieldStart("outcomes");
            for (final BoardOutcome o : BoardOutcome.values())
            {
                g.writeString(o.label());
            }
            g.writeEndArray();
            points(g, snapshot.history());
            final Labels names = engine.labels();
            g.writeArrayFieldStart("hot");
            for (final SaleFigures.HotSku hot : snapshot.sale().hot())
            {
                g.writeStartObject();
                g.writeNumberField("sku", hot.sku());
                g.writeStringField("name", NodeMetrics.name(names, LabelKind.SKU, hot.sku()));
                g.writeStringField("store", NodeMetrics.name(names, LabelKind.STORE, hot.store()));
                g.writeNumberField("price", hot.priceMinor());
                g.writeNumberField("available", hot.available());
                g.writeNumberField("held", hot.held());
                g.writeNumberField("sold", hot.sold());
                g.writeNumberField("total", hot.total());
                g.writeNumberField("rate", round(hot.takenPerSecond()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("soldOut");
            for (final SaleFigures.SoldOut s : snapshot.sale().soldOut())
            {
                g.writeStartObject();
                g.writeNumberField("sku", s.sku());
                g.writeStringField("name", NodeMetrics.name(names, LabelKind.SKU, s.sku()));
                g.writeStringField("store", NodeMetrics.name(names, LabelKind.STORE, s.store()));
                g.writeNumberField("at", s.atMillis());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    /**
     * A cluster gateway's board data: what the gateway knows (buyers' outcomes, latency and ring; shards connected),
     * with {@code "scope":"cluster-gateway"} so the page says that stock, GMV and the journal live on the members.
     *
     * @param snapshot the gateway's ops sampler's latest snapshot.
     * @param metrics  the gateway's counters.
     * @param ring     the router's ring.
     * @param currency the display currency.
     * @return UTF-8 JSON.
     */
    public static byte[] renderCluster(final ClusterSampler.Snapshot snapshot, final GatewayMetrics metrics,
        final CommandPublisher ring, final Currency currency)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try (JsonGenerator g = JSON.createGenerator(out))
        {
            g.writeStartObject();
            g.writeStringField("scope", "cluster-gateway");
            g.writeNumberField("takenAt", snapshot.takenAtMillis());
            currency(g, currency);
            final int down = snapshot.shardsDown().size();
            g.writeObjectFieldStart("status");
            g.writeStringField("state", down == 0 ? "UP" : down == snapshot.shards() ? "DOWN" : "DEGRADED");
            g.writeBooleanField("acknowledging", down == 0);
            g.writeStringField("reason", down == 0 ? "" : "no leader reachable for shard(s) " +
                snapshot.shardsDown() + ": their SKUs answer 503 UNAVAILABLE");
            g.writeNumberField("ringOccupancy", ring.occupancy());
            g.writeNumberField("ringCapacity", ring.capacity());
            g.writeEndObject();
            g.writeObjectFieldStart("totals");
            long buyerResponses = 0;
            for (final ApiCode code : ApiCode.values())
            {
                buyerResponses += metrics.responses(TrafficClass.BUYER, code);
            }
            g.writeNumberField("buyerResponses", buyerResponses);
            g.writeNumberField("orders", metrics.responses(TrafficClass.BUYER, ApiCode.RESERVED));
            g.writeEndObject();
            g.writeArrayFieldStart("outcomes");
            for (final BoardOutcome o : BoardOutcome.values())
            {
                g.writeString(o.label());
            }
            g.writeEndArray();
            points(g, snapshot.history());
            g.writeArrayFieldStart("hot");
            g.writeEndArray();
            g.writeArrayFieldStart("soldOut");
            g.writeEndArray();
            g.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    private static void currency(final JsonGenerator g, final Currency currency) throws IOException
    {
        g.writeObjectFieldStart("currency");
        g.writeStringField("code", currency.getCurrencyCode());
        g.writeNumberField("digits", Math.max(0, currency.getDefaultFractionDigits()));
        g.writeEndObject();
    }

    private static void status(final JsonGenerator g, final OpsSnapshot.NodeStatus status, final Engine engine)
        throws IOException
    {
        g.writeObjectFieldStart("status");
        g.writeStringField("state", status.state());
        g.writeBooleanField("acknowledging", status.acknowledging());
        g.writeStringField("reason", status.reason());
        g.writeNumberField("ringOccupancy", engine.publisher().occupancy());
        g.writeNumberField("ringCapacity", engine.publisher().capacity());
        g.writeNumberField("journalBytes", engine.journalDiskBytes());
        g.writeNumberField("diskFreeBytes", status.diskFreeBytes());
        g.writeNumberField("diskTotalBytes", status.diskTotalBytes());
        g.writeEndObject();
    }

    private static void totals(final JsonGenerator g, final SaleFigures sale, final GatewayMetrics metrics)
        throws IOException
    {
        long buyerResponses = 0;
        for (final ApiCode code : ApiCode.values())
        {
            buyerResponses += metrics.responses(TrafficClass.BUYER, code);
        }
        g.writeObjectFieldStart("totals");
        g.writeNumberField("gmvReserved", sale.gmvReservedMinor());
        g.writeNumberField("gmvPaid", sale.gmvPaidMinor());
        g.writeNumberField("unitsAvailable", sale.unitsAvailable());
        g.writeNumberField("unitsHeld", sale.unitsHeld());
        g.writeNumberField("unitsSold", sale.unitsSold());
        g.writeNumberField("skus", sale.skus());
        g.writeNumberField("skusSoldOut", sale.skusSoldOut());
        g.writeNumberField("buyerResponses", buyerResponses);
        g.writeNumberField("orders", metrics.responses(TrafficClass.BUYER, ApiCode.RESERVED));
        g.writeEndObject();
    }

    private static void points(final JsonGenerator g, final OpsSnapshot.Point[] points) throws IOException
    {
        g.writeArrayFieldStart("points");
        for (final OpsSnapshot.Point p : points)
        {
            g.writeStartObject();
            g.writeNumberField("t", p.atMillis());
            g.writeNumberField("rps", round(p.requestsPerSecond()));
            g.writeNumberField("ops", round(p.ordersPerSecond()));
            g.writeArrayFieldStart("out");
            for (final double rate : p.outcomesPerSecond())
            {
                g.writeNumber(round(rate));
            }
            g.writeEndArray();
            g.writeNumberField("p50", round(p.p50Micros() / MICROS_PER_MILLI));
            g.writeNumberField("p99", round(p.p99Micros() / MICROS_PER_MILLI));
            g.writeNumberField("p999", round(p.p999Micros() / MICROS_PER_MILLI));
            g.writeNumberField("max", round(p.maxMicros() / MICROS_PER_MILLI));
            g.writeNumberField("journalP99", round(p.journalP99Micros() / MICROS_PER_MILLI));
            g.writeNumberField("ring", p.ringOccupancy());
            g.writeNumberField("gmvReserved", p.gmvReservedMinor());
            g.writeNumberField("gmvPaid", p.gmvPaidMinor());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static double round(final double value)
    {
        return Double.isFinite(value) ? Math.round(value * 1000.0) / 1000.0 : 0;
    }
}
