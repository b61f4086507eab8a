package io.flashsale.gateway.config;

import io.flashsale.engine.command.LabelKind;
import io.flashsale.engine.state.Labels;

/**
 * Display names of sales, stores and SKUs for the gateway's views: a read-only view of the engine's journaled names
 * (they come from sale files, the demo and admin definitions, and survive restarts). Thread-safe.
 */
public final class SaleNames
{
    private final Labels labels;

    /**
     * @param labels the engine's names.
     */
    public SaleNames(final Labels labels)
    {
        this.labels = labels;
    }

    /**
     * @param id sale id.
     * @return its name, or null.
     */
    public String sale(final long id)
    {
        return labels.name(LabelKind.SALE, id);
    }

    /**
     * @param id store id.
     * @return its name, or null.
     */
    public String store(final long id)
    {
        return labels.name(LabelKind.STORE, id);
    }

    /**
     * @param id SKU id.
     * @return its name, or null.
     */
    public String sku(final long id)
    {
        return labels.name(LabelKind.SKU, id);
    }
}
