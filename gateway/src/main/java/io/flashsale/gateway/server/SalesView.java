package io.flashsale.gateway.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonGenerator;

import io.flashsale.engine.state.CatalogView;
import io.flashsale.gateway.config.SaleNames;
import io.flashsale.gateway.config.SaleParser;

/**
 * Lists sales from the engine's catalogue view (monitoring reads: values may be a few events stale) with the display
 * names the gateway knows. Thread-safe.
 */
final class SalesView implements SalesListing
{
    private final Supplier<CatalogView> views;
    private final SaleNames names;

    SalesView(final Supplier<CatalogView> views, final SaleNames names)
    {
        this.views = views;
        this.names = names;
    }

    /**
     * @param detailed true for the admin view: SKU objects with store, price, limit and stock; false for the public
     *                 view: SKU ids only.
     * @return a JSON array, UTF-8.
     */
    @Override
    public byte[] json(final boolean detailed)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = SaleParser.mapper().getFactory().createGenerator(out))
        {
            g.writeStartArray();
            final CatalogView catalog = views.get();
            final int sales = catalog.saleCount();
            final int skus = catalog.skuCount();
            for (int s = 0; s < sales; s++)
            {
                final long id = catalog.saleId(s);
                if (id == 0)
                {
                    continue;
                }
                g.writeStartObject();
                g.writeNumberField("id", id);
                final String name = names.sale(id);
                if (name != null)
                {
                    g.writeStringField("name", name);
                }
                g.writeNumberField("opensAt", catalog.saleOpenAt(s));
                g.writeNumberField("closesAt", catalog.saleCloseAt(s));
                g.writeNumberField("paymentWindowSeconds", catalog.salePaymentWindow(s) / 1000);
                g.writeArrayFieldStart("skus");
                for (int k = 0; k < skus; k++)
                {
                    if (catalog.skuSale(k) == s)
                    {
                        writeSku(g, catalog, k, detailed);
                    }
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

    private void writeSku(final JsonGenerator g, final CatalogView catalog, final int k, final boolean detailed)
        throws IOException
    {
        final long id = catalog.skuId(k);
        if (!detailed)
        {
            g.writeNumber(id);
            return;
        }
        g.writeStartObject();
        g.writeNumberField("id", id);
        final String name = names.sku(id);
        if (name != null)
        {
            g.writeStringField("name", name);
        }
        final long store = catalog.skuStore(k);
        g.writeNumberField("store", store);
        final String storeName = names.store(store);
        if (storeName != null)
        {
            g.writeStringField("storeName", storeName);
        }
        g.writeNumberField("price", catalog.skuPrice(k));
        g.writeNumberField("limit", catalog.skuLimit(k));
        g.writeNumberField("available", catalog.skuAvailable(k));
        g.writeNumberField("held", catalog.skuHeld(k));
        g.writeNumberField("sold", catalog.skuSold(k));
        g.writeNumberField("total", catalog.skuTotal(k));
        g.writeEndObject();
    }
}
