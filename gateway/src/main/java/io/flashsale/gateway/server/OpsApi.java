package io.flashsale.gateway.server;

import java.nio.charset.StandardCharsets;
import java.util.Currency;

import io.flashsale.engine.metrics.EngineCounter;
import io.flashsale.engine.pipeline.Engine;
import io.flashsale.gateway.codec.ApiCode;
import io.flashsale.gateway.codec.ResponseEncoder;
import io.flashsale.gateway.ops.BoardPage;
import io.flashsale.gateway.ops.DashboardData;
import io.flashsale.gateway.ops.GatewayMetrics;
import io.flashsale.gateway.ops.HistogramRenderer;
import io.flashsale.gateway.ops.LatencyStage;
import io.flashsale.gateway.ops.MetricsExposition;
import io.flashsale.gateway.ops.NodeMetrics;
import io.flashsale.gateway.ops.OpsSampler;
import io.netty.buffer.ByteBuf;
import io.netty.util.AsciiString;

/**
 * The public read-only endpoints that do not go through the ring: {@code /health}, {@code /v1/sales},
 * {@code /metrics} (Prometheus text through the Prometheus Java client, {@link NodeMetrics}),
 * {@code /histogram?stage=X} (one stage's percentile distribution since start), {@code /dashboard} (the sale board)
 * and {@code /dashboard/data} (what it polls). Everything they read is published for other threads (counters,
 * catalogue view, the ops sampler's snapshot). Thread-safe; event loops.
 * <p>
 * {@code /health} is 200 {@code {"status":"UP"}} while the engine acknowledges orders and 503
 * {@code {"status":"DOWN","reason":..}} once it stopped (a journal or internal failure; every order is then answered
 * UNAVAILABLE until a restart), so a load balancer takes the node out. There is no starting phase to report: the
 * port opens only after the engine has replayed its journal ({@link GatewayServer}); while the node shuts down, every
 * request, this one included, is answered 503 UNAVAILABLE by the connection.
 */
final class OpsApi implements OpsEndpoints
{
    private static final byte[] HEALTH_UP = "{\"status\":\"UP\"}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEALTH_DOWN = ("{\"status\":\"DOWN\",\"reason\":" +
        "\"the engine stopped acknowledging orders after a journal or internal failure; restart the node\"}")
        .getBytes(StandardCharsets.US_ASCII);
    private static final AsciiString GET = AsciiString.cached("GET");

    private final Engine engine;
    private final GatewayMetrics metrics;
    private final OpsSampler sampler;
    private final SalesView sales;
    private final Currency currency;
    private final MetricsExposition exposition;
    private final byte[] dashboard;

    OpsApi(final Engine engine, final GatewayMetrics metrics, final OpsSampler sampler, final SalesView sales,
        final Currency currency)
    {
        this.engine = engine;
        this.metrics = metrics;
        this.sampler = sampler;
        this.sales = sales;
        this.currency = currency;
        this.exposition = new MetricsExposition(new NodeMetrics(engine, metrics, sampler, currency));
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
                code = engineFailed() ? ApiCode.UNAVAILABLE : ApiCode.OK;
                body = code == ApiCode.OK ? HEALTH_UP : HEALTH_DOWN;
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
            {
                final LatencyStage stage = HistogramRenderer.stage(OpsEndpoints.query(uri));
                if (get && stage == null)
                {
                    r.error(seq, ApiCode.BAD_REQUEST, "stage must be one of " + HistogramRenderer.stageNames());
                    return;
                }
                body = get ? utf8(HistogramRenderer.render(sampler.latest().total(stage))) : null;
                type = ResponseEncoder.TEXT;
                break;
            }
            case "/dashboard":
                body = dashboard;
                type = ResponseEncoder.HTML;
                break;
            case "/dashboard/data":
                body = get ? DashboardData.render(sampler.latest(), engine, metrics, currency) : null;
                type = ResponseEncoder.JSON;
                break;
            default:
                r.error(seq, ApiCode.NOT_FOUND);
                return;
        }
        answer(r, seq, get, code, type, body);
    }

    /**
     * Answer a read-only endpoint: 405 with {@code Allow: GET} unless it is a GET, else the body.
     *
     * @param r    the connection's responder.
     * @param seq  the request's sequence.
     * @param get  true for GET.
     * @param code the outcome.
     * @param type the content type.
     * @param body the body (null when not a GET).
     */
    static void answer(
        final Responder r, final long seq, final boolean get, final ApiCode code, final AsciiString type,
        final byte[] body)
    {
        if (!get)
        {
            Router.notAllowed(r, seq, GET);
            return;
        }
        final ByteBuf buf = r.alloc().buffer(body.length).writeBytes(body);
        r.respond(seq, code, ResponseEncoder.content(code, type, buf));
    }

    /**
     * @return true once the engine stopped acknowledging. Its failed flag is a plain field of the engine thread; the
     *         failure counter is stored (ordered) right after the flag is set, so reading both sees a failure at once
     *         on any thread.
     */
    private boolean engineFailed()
    {
        return engine.failed() || engine.counters().get(EngineCounter.FAILURES) > 0;
    }

    private static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
