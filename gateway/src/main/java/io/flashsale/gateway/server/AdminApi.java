package io.flashsale.gateway.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import com.fasterxml.jackson.databind.JsonNode;

import io.flashsale.engine.pipeline.CommandPublisher;
import io.flashsale.gateway.codec.ApiCode;
import io.flashsale.gateway.codec.ResponseEncoder;
import io.flashsale.gateway.config.SaleDefinition;
import io.flashsale.gateway.config.SaleParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * The admin endpoints behind {@code Authorization: Bearer <token>} (compared in constant time): define a sale with
 * its SKUs, restock a SKU, list sales with their stock. Bodies are parsed with Jackson (not a hot path).
 * Thread-safe; runs on event loops.
 */
final class AdminApi
{
    private static final String BEARER = "Bearer ";

    private final byte[] token;
    private final CommandPublisher publisher;
    private final SalesListing sales;

    AdminApi(final String token, final CommandPublisher publisher, final SalesListing sales)
    {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.publisher = publisher;
        this.sales = sales;
    }

    /**
     * @param authorization the Authorization header, or null.
     * @return true if it carries the admin token.
     */
    boolean authorized(final String authorization)
    {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()))
        {
            return false;
        }
        final byte[] presented = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(token, presented);
    }

    /**
     * {@code POST /admin/sales}: DEFINE_SALE then ADD_SKU per SKU; answered when all results are in.
     */
    void defineSale(final Responder r, final long seq, final ByteBuf body)
    {
        final SaleDefinition sale;
        try
        {
            sale = SaleParser.parse(ByteBufUtil.getBytes(body), System.currentTimeMillis());
        }
        catch (final IllegalArgumentException ex)
        {
            r.error(seq, ApiCode.INVALID, ex.getMessage());
            return;
        }
        final SaleCommands commands = new SaleCommands(sale, true);
        final AdminSaleTask task = new AdminSaleTask(sale, commands);
        r.awaitReplies(seq, task);
        if (!commands.publish(publisher, r.replyTo(), seq, 0))
        {
            r.error(seq, ApiCode.OVERLOADED);
            return;
        }
        int published = 1;
        while (published < commands.size() && commands.publish(publisher, r.replyTo(), seq, published))
        {
            published++;
        }
        task.published(published, published == commands.size());
    }

    /**
     * {@code POST /admin/skus/{id}/restock} with {@code {"qty":..}}.
     */
    void restock(final Responder r, final long seq, final long skuId, final ByteBuf body)
    {
        final int qty;
        try
        {
            final JsonNode root = SaleParser.mapper().readTree(ByteBufUtil.getBytes(body));
            if (root == null || !root.isObject())
            {
                throw new IllegalArgumentException("body must be a JSON object");
            }
            qty = SaleParser.intField(root, "qty", "qty");
        }
        catch (final IllegalArgumentException ex)
        {
            r.error(seq, ApiCode.INVALID, ex.getMessage());
            return;
        }
        catch (final java.io.IOException ex)
        {
            r.error(seq, ApiCode.INVALID, "malformed JSON");
            return;
        }
        if (!publisher.restock(r.replyTo(), seq, skuId, qty))
        {
            r.error(seq, ApiCode.OVERLOADED);
        }
    }

    /**
     * {@code GET /admin/sales}: every sale with its SKUs and their stock.
     */
    void listSales(final Responder r, final long seq)
    {
        final byte[] json = sales.json(true);
        r.respond(seq, ApiCode.OK,
            ResponseEncoder.response(ApiCode.OK, r.alloc().buffer(json.length).writeBytes(json)));
    }
}
