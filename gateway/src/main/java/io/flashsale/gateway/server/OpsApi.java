package io.flashsale.gateway.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.flashsale.engine.metrics.EngineCounter;
import io.flashsale.engine.pipeline.Engine;
import io.flashsale.gateway.codec.ApiCode;
import io.flashsale.gateway.codec.ResponseEncoder;
import io.flashsale.gateway.ops.DashboardData;
import io.flashsale.gateway.ops.GatewayMetrics;
import io.flashsale.gateway.ops.HistogramRenderer;
import io.flashsale.gateway.ops.MetricsRenderer;
import io.flashsale.gateway.ops.OpsSampler;
import io.netty.buffer.ByteBuf;
import io.netty.util.AsciiString;

/**
 * The public read-only endpoints that do not go through the ring: {@code /health}, {@code /v1/sales},
 * {@code /metrics}, {@code /histogram}, {@code /dashboard} and {@code /dashboard/data}. Everything they read is
 * published for other threads (counters, catalogue view, the ops sampler's snapshot). Thread-safe; event loops.
 * <p>
 * {@code /health} is 200 {@code {"status":"UP"}} while the engine acknowledges orders and 503
 * {@code {"status":"DOWN","reason":..}} once it stopped (a journal or internal failure; every order is then answered
 * UNAVAILABLE until a restart), so a load balancer takes the node out. There is no starting phase to report: the
 * port opens only after the engine has replayed its journal ({@link GatewayServer}); while the node shuts down, every
 * request, this one included, is answered 503 UNAVAILABLE by the connection.
 */
final class OpsApi implements OpsEndpoints
{
    private static final String DASHBOARD_RESOURCE = "/io/flashsale/gateway/ops/dashboard.html";
    private static final byte[] HEALTH_UP = "{\"status\":\"UP\"}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEALTH_DOWN = ("{\"status\":\"DOWN\",\"reason\":" +
        "\"the engine stopped acknowledging orders after a journal or internal failure; restart the node\"}")
        .getBytes(StandardCharsets.US_ASCII);
    private static final AsciiString GET = AsciiString.cached("GET");

    private final Engine engine;
    private final GatewayMetrics metrics;
    private final OpsSampler sampler;
    private final SalesView sales;
    private final byte[] dashboard;

    OpsApi(final Engine engine, final GatewayMetrics metrics, final OpsSampler sampler, final SalesView sales)
    {
        this.engine = engine;
        this.metrics = metrics;
        this.sampler = sampler;
        this.sales = sales;
        this.dashboard = resource(DASHBOARD_RESOURCE);
    }

    private static byte[] resource(final String name)
    {
        try (InputStream in = OpsApi.class.getResourceAsStream(name))
        {
            if (in == null)
            {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void route(final Responder r, final long seq, final String path, final boolean get)
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
                body = get ? utf8(MetricsRenderer.render(engine, metrics, sampler.latest(),
                    System.currentTimeMillis())) : null;
                type = ResponseEncoder.PROMETHEUS;
                break;
            case "/histogram":
                body = get ? utf8(HistogramRenderer.render(sampler.latest())) : null;
                type = ResponseEncoder.TEXT;
                break;
            case "/dashboard":
                body = dashboard;
                type = ResponseEncoder.HTML;
                break;
            case "/dashboard/data":
                body = get ? utf8(DashboardData.render(sampler.latest())) : null;
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
