package io.flashsale.gateway.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonGenerator;

import io.flashsale.cluster.ShardMap;
import io.flashsale.gateway.config.SaleDefinition;
import io.flashsale.gateway.config.SaleParser;

/**
 * Cluster mode's sale listing: the sale this gateway installed, with each SKU's shard. The stock lives on the shards;
 * {@code GET /v1/skus/{id}} asks the owning shard for it. Built once; thread-safe.
 */
final class ClusterSalesListing implements SalesListing
{
    private final byte[] brief;
    private final byte[] detailed;

    ClusterSalesListing(final SaleDefinition sale, final ShardMap shardMap)
    {
        brief = render(sale, shardMap, false);
        detailed = render(sale, shardMap, true);
    }

    @Override
    public byte[] json(final boolean detailed)
    {
        return detailed ? this.detailed : brief;
    }

    private static byte[] render(final SaleDefinition sale, final ShardMap shardMap, final boolean detailed)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = SaleParser.mapper().getFactory().createGenerator(out))
        {
            g.writeStartArray();
            if (sale != null)
            {
                g.writeStartObject();
                g.writeNumberField("id", sale.id());
                g.writeStringField("name", sale.name());
                g.writeNumberField("opensAt", sale.opensAt());
                g.writeNumberField("closesAt", sale.closesAt());
                g.writeNumberField("paymentWindowSeconds", sale.paymentWindowMillis() / 1000);
                g.writeNumberField("shardMapVersion", shardMap.version());
                g.writeArrayFieldStart("skus");
                for (final SaleDefinition.Sku sku : sale.skus())
                {
                    if (!detailed)
                    {
                        g.writeNumber(sku.id());
                        continue;
                    }
                    g.writeStartObject();
                    g.writeNumberField("id", sku.id());
                    g.writeStringField("name", sku.name());
                    g.writeNumberField("store", sku.store());
                    for (final SaleDefinition.Store store : sale.stores())
                    {
                        if (store.id() == sku.store())
                        {
                            g.writeStringField("storeName", store.name());
                        }
                    }
                    g.writeNumberField("price", sku.price());
                    g.writeNumberField("limit", sku.limit());
                    g.writeNumberField("initialStock", sku.stock());
                    g.writeNumberField("shard", shardMap.shardOf(sku.id()));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }
}
