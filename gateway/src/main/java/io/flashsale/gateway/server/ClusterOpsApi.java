package io.flashsale.gateway.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;

import io.flashsale.cluster.LocalMembers;
import io.flashsale.cluster.ShardRouter;
import io.flashsale.cluster.ShardStatus;
import io.flashsale.cluster.config.ClusterConfig;
import io.flashsale.gateway.codec.ApiCode;
import io.flashsale.gateway.codec.ResponseEncoder;
import io.flashsale.gateway.config.SaleParser;
import io.flashsale.gateway.ops.BoardPage;
import io.flashsale.gateway.ops.ClusterMetrics;
import io.flashsale.gateway.ops.ClusterSampler;
import io.flashsale.gateway.ops.DashboardData;
import io.flashsale.gateway.ops.GatewayMetrics;
import io.flashsale.gateway.ops.HistogramRenderer;
import io.flashsale.gateway.ops.LatencyStage;
import io.flashsale.gateway.ops.MetricsExposition;
import io.netty.util.AsciiString;

/**
 * A cluster gateway's read-only endpoints:
 * <ul>
 *   <li>{@code /health}: 200 {@code UP} while every shard has a leader this gateway is connected to; 200
 *       {@code DEGRADED} naming the shards without one (their SKUs answer 503 UNAVAILABLE, the others are served);
 *       503 {@code DOWN} when no shard is reachable;</li>
 *   <li>{@code /cluster}: shards, their members and endpoints, the leader as announced to this gateway, the router's
 *       counts per shard (in flight, answered, resent, answered UNAVAILABLE, leader changes), and for members running
 *       on this host their role, commit position and pid (LocalMembers);</li>
 *   <li>{@code /metrics}: the gateway's responses, buyers' HTTP latency histogram, ring, per-shard router counts,
 *       JVM and process metrics, Prometheus text through the Prometheus Java client ({@link ClusterMetrics});</li>
 *   <li>{@code /histogram?stage=http_total}: the buyers' HTTP latency since start as a percentile distribution (the
 *       engine's stages run on the members);</li>
 *   <li>{@code /dashboard} and {@code /dashboard/data}: the sale board with what the gateway knows (buyers' orders,
 *       outcomes and latency, the ring, shards connected); stock, GMV and the journal are marked as on the
 *       members;</li>
 *   <li>{@code /v1/sales}: the installed sale.</li>
 * </ul>
 * Thread-safe; event loops.
 */
final class ClusterOpsApi implements OpsEndpoints
{
    private final ShardRouter router;
    private final GatewayMetrics metrics;
    private final SalesListing sales;
    private final LocalMembers localMembers;
    private final ClusterSampler sampler;
    private final Currency currency;
    private final MetricsExposition exposition;
    private final byte[] dashboard;

    ClusterOpsApi(
        final ShardRouter router, final GatewayMetrics metrics, final SalesListing sales,
        final LocalMembers localMembers, final ClusterSampler sampler, final Currency currency)
    {
        this.router = router;
        this.metrics = metrics;
        this.sales = sales;
        this.localMembers = localMembers;
        this.sampler = sampler;
        this.currency = currency;
        this.exposition = new MetricsExposition(new ClusterMetrics(metrics, router.publisher(),
            router.config().shards().size(), router::status, sampler));
        this.dashboard = BoardPage.html();
    }

    @Override
    public void route(final Responder r, final long seq, final String path, final String uri, final boolean get)
    {
        final byte[] body;
        final AsciiString type;
        ApiCode code = ApiCode.OK;
        switch (path)
        {
            case "/health":
            {
                final List<Integer> down = new ArrayList<>();
                final int shards = router.config().shards().size();
                for (int shard = 0; shard < shards; shard++)
                {
                    if (!router.status(shard).connected())
                    {
                        down.add(shard);
                    }
                }
                code = down.size() == shards ? ApiCode.UNAVAILABLE : ApiCode.OK;
                body = health(down, shards);
                type = ResponseEncoder.JSON;
                break;
            }
            case "/cluster":
                body = get ? cluster() : null;
                type = ResponseEncoder.JSON;
                break;
            case "/v1/sales":
                body = get ? sales.json(false) : null;
                type = ResponseEncoder.JSON;
                break;
            case "/metrics":
                body = get ? exposition.scrape() : null;
                type = ResponseEncoder.PROMETHEUS;
                break;
            case "/histogram":
                if (get && HistogramRenderer.stage(OpsEndpoints.query(uri)) != LatencyStage.HTTP_TOTAL)
                {
                    r.error(seq, ApiCode.BAD_REQUEST, "a cluster gateway measures stage http_total only; the " +
                        "engine's stages run on the members");
                    return;
                }
                body = get ? HistogramRenderer.render(sampler.latest().httpSinceStart())
                    .getBytes(StandardCharsets.UTF_8) : null;
                type = ResponseEncoder.TEXT;
                break;
            case "/dashboard":
                body = dashboard;
                type = ResponseEncoder.HTML;
                break;
            case "/dashboard/data":
                body = get ? DashboardData.renderCluster(sampler.latest(), metrics, router.publisher(), currency) :
                    null;
                type = ResponseEncoder.JSON;
                break;
            default:
                r.error(seq, ApiCode.NOT_FOUND);
                return;
        }
        OpsApi.answer(r, seq, get, code, type, body);
    }

    private static byte[] health(final List<Integer> down, final int shards)
    {
        final String status = down.isEmpty() ? "UP" : down.size() == shards ? "DOWN" : "DEGRADED";
        final StringBuilder json = new StringBuilder("{\"status\":\"").append(status).append('"');
        if (!down.isEmpty())
        {
            json.append(",\"shardsWithoutLeader\":").append(down.toString().replace(" ", ""))
                .append(",\"reason\":\"no leader reachable for these shards; their SKUs answer 503 UNAVAILABLE\"");
        }
        return json.append('}').toString().getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] cluster()
    {
        final ClusterConfig config = router.config();
        final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = SaleParser.mapper().getFactory().createGenerator(out))
        {
            g.writeStartObject();
            g.writeNumberField("shardMapVersion", router.shardMap().version());
            g.writeNumberField("heartbeatTimeoutMs", config.heartbeatTimeoutMs());
            g.writeNumberField("unavailableAfterMs", router.settings().unavailableAfterMs());
            g.writeNumberField("archiveSyncLevel", config.archiveSyncLevel());
            g.writeArrayFieldStart("shards");
            for (int shard = 0; shard < config.shards().size(); shard++)
            {
                final ShardStatus status = router.status(shard);
                g.writeStartObject();
                g.writeNumberField("shard", shard);
                g.writeBooleanField("connected", status.connected());
                g.writeNumberField("leader", status.leaderMemberId());
                g.writeNumberField("leadershipTermId", status.leadershipTermId());
                g.writeNumberField("leaderChanges", status.newLeaderEvents());
                g.writeNumberField("sessions", status.connects());
                g.writeNumberField("inFlight", status.inFlight());
                g.writeNumberField("answered", status.answered());
                g.writeNumberField("resent", status.resent());
                g.writeNumberField("unavailable", status.unavailable());
                g.writeArrayFieldStart("members");
                for (final ClusterConfig.Member member : config.members())
                {
                    g.writeStartObject();
                    g.writeNumberField("member", member.id());
                    g.writeStringField("host", member.host());
                    g.writeStringField("ingress", member.host() + ":" +
                        config.port(shard, member.id(), ClusterConfig.INGRESS));
                    final LocalMembers.Local local = localMembers.find(member.id(), shard);
                    if (local != null)
                    {
                        g.writeStringField("role", local.role());
                        g.writeNumberField("commitPosition", local.commitPosition());
                        g.writeNumberField("pid", local.pid());
                    }
                    else
                    {
                        g.writeStringField("role", status.connected() && status.leaderMemberId() == member.id() ?
                            "LEADER" : "unknown (not on this host)");
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
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
}
