package io.flashsale.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Blocking reads of the gateway's public API for set-up and audit (never on the load path): the sales and their
 * SKUs, one SKU's stock, one order's status. Thread-safe.
 */
public final class GatewayClient
{
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int BATCH = 64;

    private final URI base;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param base gateway base URL, e.g. {@code http://127.0.0.1:8080}.
     */
    public GatewayClient(final URI base)
    {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    /**
     * @return true if {@code GET /health} answers 200.
     */
    public boolean healthy()
    {
        try
        {
            return send("/health").statusCode() == 200;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /**
     * @return the ids of every SKU of every sale {@code GET /v1/sales} lists, in listing order.
     * @throws IOException if the gateway cannot be read.
     */
    public List<Long> saleSkuIds() throws IOException
    {
        final JsonNode root = json.readTree(ok(send("/v1/sales"), "/v1/sales"));
        final JsonNode sales = root.isArray() ? root : root.path("sales");
        final Set<Long> ids = new LinkedHashSet<>();
        for (final JsonNode sale : sales)
        {
            for (final JsonNode sku : sale.path("skus"))
            {
                if (sku.isNumber())
                {
                    ids.add(sku.asLong());
                }
                else if (sku.has("sku"))
                {
                    ids.add(sku.get("sku").asLong());
                }
                else if (sku.has("id"))
                {
                    ids.add(sku.get("id").asLong());
                }
            }
        }
        return new ArrayList<>(ids);
    }

    /**
     * @param skuId SKU id.
     * @return its stock as the gateway reports it.
     * @throws IOException if the gateway cannot be read.
     */
    public SkuState sku(final long skuId) throws IOException
    {
        return parseSku(json.readTree(ok(send("/v1/skus/" + skuId), "/v1/skus/" + skuId)));
    }

    /**
     * @param skuIds SKU ids.
     * @return their states, same order.
     * @throws IOException if the gateway cannot be read.
     */
    public List<SkuState> skus(final List<Long> skuIds) throws IOException
    {
        final List<SkuState> states = new ArrayList<>(skuIds.size());
        for (final long id : skuIds)
        {
            states.add(sku(id));
        }
        return states;
    }

    /**
     * Fetch order statuses, {@value #BATCH} requests at a time.
     *
     * @param orderIds order ids.
     * @return the {@code status} of each ({@code "?"} if the gateway did not answer 200), same order.
     * @throws IOException if the gateway cannot be read.
     */
    public List<String> orderStatuses(final long[] orderIds) throws IOException
    {
        final List<String> statuses = new ArrayList<>(orderIds.length);
        for (int from = 0; from < orderIds.length; from += BATCH)
        {
            final List<CompletableFuture<HttpResponse<String>>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(orderIds.length, from + BATCH); i++)
            {
                batch.add(http.sendAsync(get("/v1/orders/" + orderIds[i]), HttpResponse.BodyHandlers.ofString()));
            }
            for (final CompletableFuture<HttpResponse<String>> future : batch)
            {
                final HttpResponse<String> response;
                try
                {
                    response = future.join();
                }
                catch (final RuntimeException ex)
                {
                    throw new IOException("order status read failed", ex);
                }
                statuses.add(response.statusCode() == 200 ?
                    json.readTree(response.body()).path("status").asText("?") : "?");
            }
        }
        return statuses;
    }

    static SkuState parseSku(final JsonNode n)
    {
        return new SkuState(n.path("sku").asLong(), n.path("sale").asLong(), n.path("limit").asLong(),
            n.path("available").asLong(), n.path("held").asLong(), n.path("sold").asLong(), n.path("total").asLong());
    }

    private HttpRequest get(final String path)
    {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET().build();
    }

    private HttpResponse<String> send(final String path) throws IOException
    {
        try
        {
            return http.send(get(path), HttpResponse.BodyHandlers.ofString());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ex);
        }
    }

    private static String ok(final HttpResponse<String> response, final String what) throws IOException
    {
        if (response.statusCode() != 200)
        {
            throw new IOException("GET " + what + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
