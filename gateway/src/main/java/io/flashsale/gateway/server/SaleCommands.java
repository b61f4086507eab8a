package io.flashsale.gateway.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.flashsale.engine.command.LabelKind;
import io.flashsale.engine.pipeline.CommandPublisher;
import io.flashsale.gateway.config.SaleDefinition;

/**
 * The one protocol that puts a sale definition into the engine, used by the admin API and by the start-up installer:
 * DEFINE_SALE, the sale's and stores' names, then per SKU ADD_SKU and its name. Every command is idempotent in the
 * engine (the same values again are OK and write nothing), so a definition cut short can be sent again whole.
 * <p>
 * Immutable after construction; the publishing thread's own (results come back in publication order when one thread
 * publishes them all).
 */
final class SaleCommands
{
    private final SaleDefinition sale;
    private final List<Step> steps = new ArrayList<>();

    private record Step(int kind, long id, String name, SaleDefinition.Sku sku)
    {
    }

    /**
     * @param sale        the definition.
     * @param defineSale  whether to start with DEFINE_SALE (false when the engine has the sale already and only its
     *                    SKUs and names are to be completed).
     */
    SaleCommands(final SaleDefinition sale, final boolean defineSale)
    {
        this.sale = sale;
        if (defineSale)
        {
            steps.add(new Step(0, sale.id(), null, null));
        }
        label(LabelKind.SALE, sale.id(), sale.name());
        for (final SaleDefinition.Store store : sale.stores())
        {
            label(LabelKind.STORE, store.id(), store.name());
        }
        for (final SaleDefinition.Sku sku : sale.skus())
        {
            steps.add(new Step(0, sku.id(), null, sku));
            label(LabelKind.SKU, sku.id(), sku.name());
        }
    }

    private void label(final int kind, final long id, final String name)
    {
        if (name != null)
        {
            steps.add(new Step(kind, id, name, null));
        }
    }

    /**
     * @return how many commands the definition takes.
     */
    int size()
    {
        return steps.size();
    }

    /**
     * Publish one command (never blocks).
     *
     * @param publisher     the engine's port.
     * @param replyTo       reply target of every command.
     * @param correlationId correlation id of every command.
     * @param step          0 .. {@link #size()} - 1.
     * @return false if the ring was full.
     */
    boolean publish(
        final CommandPublisher publisher, final ResultListener replyTo, final long correlationId, final int step)
    {
        final Step s = steps.get(step);
        if (s.kind != 0)
        {
            final byte[] name = s.name.getBytes(StandardCharsets.UTF_8);
            return publisher.label(replyTo, correlationId, s.kind, s.id, name, 0, name.length);
        }
        if (s.sku == null)
        {
            return publisher.defineSale(
                replyTo, correlationId, sale.id(), sale.opensAt(), sale.closesAt(), sale.paymentWindowMillis());
        }
        final SaleDefinition.Sku sku = s.sku;
        return publisher.addSku(replyTo, correlationId, sale.id(), sku.id(), sku.store(), sku.price(), sku.stock(),
            sku.limit(), sku.maxOrdersPerBuyer());
    }

    /**
     * @param step 0 .. {@link #size()} - 1.
     * @return what the command is about, for error messages ("sale 1", "SKU 22001", "the name of store 3").
     */
    String describe(final int step)
    {
        final Step s = steps.get(step);
        switch (s.kind)
        {
            case LabelKind.SALE:
                return "the name of sale " + s.id;
            case LabelKind.STORE:
                return "the name of store " + s.id;
            case LabelKind.SKU:
                return "the name of SKU " + s.id;
            default:
                return s.sku == null ? "sale " + s.id : "SKU " + s.id;
        }
    }
}
