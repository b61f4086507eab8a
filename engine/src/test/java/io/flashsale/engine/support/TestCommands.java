package io.flashsale.engine.support;

import io.flashsale.engine.command.CommandType;
import io.flashsale.engine.command.EngineEvent;
import io.flashsale.engine.command.SaleLimits;

/**
 * Fills a reusable {@link EngineEvent} the way the publisher does, for tests that drive the business logic directly.
 */
public final class TestCommands
{
    private final EngineEvent event = new EngineEvent();

    /**
     * @param now       command time.
     * @param user      buyer.
     * @param sku       SKU.
     * @param qty       units.
     * @param requestId id.
     * @return the filled event.
     */
    public EngineEvent buy(final long now, final long user, final long sku, final int qty, final String requestId)
    {
        event.reset(CommandType.BUY, null, 0, now, 0);
        event.userId(user);
        event.skuId(sku);
        event.quantity(qty);
        event.requestId(requestId);
        return event;
    }

    /**
     * @param type    PAY, CANCEL or QUERY_ORDER.
     * @param now     command time.
     * @param orderId order.
     * @param user    caller.
     * @return the filled event.
     */
    public EngineEvent order(final CommandType type, final long now, final long orderId, final long user)
    {
        event.reset(type, null, 0, now, 0);
        event.orderId(orderId);
        event.userId(user);
        return event;
    }

    /**
     * @param now command time.
     * @return a TICK.
     */
    public EngineEvent tick(final long now)
    {
        event.reset(CommandType.TICK, null, 0, now, 0);
        return event;
    }

    /**
     * @param now     command time.
     * @param saleId  sale.
     * @param openAt  opening.
     * @param closeAt closing.
     * @param window  payment window.
     * @return the filled event.
     */
    public EngineEvent defineSale(
        final long now, final long saleId, final long openAt, final long closeAt, final long window)
    {
        event.reset(CommandType.DEFINE_SALE, null, 0, now, 0);
        event.saleId(saleId);
        event.window(openAt, closeAt, window);
        return event;
    }

    /**
     * @param now    command time.
     * @param saleId sale.
     * @param skuId  SKU.
     * @param price  price.
     * @param stock  stock.
     * @param limit  per-user limit.
     * @return the filled event.
     */
    public EngineEvent addSku(
        final long now, final long saleId, final long skuId, final long price, final int stock, final int limit)
    {
        event.reset(CommandType.ADD_SKU, null, 0, now, 0);
        event.saleId(saleId);
        event.skuId(skuId);
        event.storeId(7);
        event.price(price);
        event.quantity(stock);
        event.limit(limit);
        event.maxOrders(SaleLimits.defaultMaxOrdersPerBuyer(limit));
        return event;
    }

    /**
     * @param now   command time.
     * @param skuId SKU.
     * @param qty   units.
     * @return the filled event.
     */
    public EngineEvent restock(final long now, final long skuId, final int qty)
    {
        event.reset(CommandType.RESTOCK, null, 0, now, 0);
        event.skuId(skuId);
        event.quantity(qty);
        return event;
    }

    /**
     * @param now   command time.
     * @param skuId SKU.
     * @return the filled event.
     */
    public EngineEvent querySku(final long now, final long skuId)
    {
        event.reset(CommandType.QUERY_SKU, null, 0, now, 0);
        event.skuId(skuId);
        return event;
    }
}
