package io.flashsale.gateway.config;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Display names of sales, stores and SKUs, learnt from sale definitions (the engine holds ids only). Names are not
 * journaled: after a restart they come back from the sale file or demo. Thread-safe.
 */
public final class SaleNames
{
    private final ConcurrentHashMap<Long, String> sales = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, String> stores = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, String> skus = new ConcurrentHashMap<>();

    /**
     * Remember the names a definition carries.
     *
     * @param sale the definition.
     */
    public void learn(final SaleDefinition sale)
    {
        if (sale.name() != null)
        {
            sales.put(sale.id(), sale.name());
        }
        for (final SaleDefinition.Store store : sale.stores())
        {
            if (store.name() != null)
            {
                stores.put(store.id(), store.name());
            }
        }
        for (final SaleDefinition.Sku sku : sale.skus())
        {
            if (sku.name() != null)
            {
                skus.put(sku.id(), sku.name());
            }
        }
    }

    /**
     * @param id sale id.
     * @return its name, or null.
     */
    public String sale(final long id)
    {
        return sales.get(id);
    }

    /**
     * @param id store id.
     * @return its name, or null.
     */
    public String store(final long id)
    {
        return stores.get(id);
    }

    /**
     * @param id SKU id.
     * @return its name, or null.
     */
    public String sku(final long id)
    {
        return skus.get(id);
    }
}
