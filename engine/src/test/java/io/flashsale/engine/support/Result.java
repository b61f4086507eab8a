package io.flashsale.engine.support;

import io.flashsale.engine.command.CommandResult;
import io.flashsale.engine.command.CommandType;
import io.flashsale.engine.command.OrderState;
import io.flashsale.engine.command.ResultCode;

/**
 * An immutable copy of a {@link CommandResult}, for assertions.
 *
 * @param type        command type.
 * @param code        outcome.
 * @param detail      detail code.
 * @param correlation correlation id.
 * @param orderId     order id.
 * @param state       order state.
 * @param userId      buyer.
 * @param skuId       SKU.
 * @param quantity    units.
 * @param deadline    payment deadline.
 * @param available   SKU units on sale.
 * @param held        SKU units held.
 * @param sold        SKU units sold.
 * @param total       SKU total.
 * @param count       count field.
 * @param saleId      sale.
 */
public record Result(
    CommandType type,
    ResultCode code,
    int detail,
    long correlation,
    long orderId,
    OrderState state,
    long userId,
    long skuId,
    int quantity,
    long deadline,
    long available,
    long held,
    long sold,
    long total,
    long count,
    long saleId)
{
    /**
     * @param r a result view.
     * @return its copy.
     */
    public static Result copyOf(final CommandResult r)
    {
        return new Result(r.type(), r.result(), r.detail(), r.correlationId(), r.orderId(), r.orderState(),
            r.userId(), r.skuId(), r.quantity(), r.deadline(), r.available(), r.held(), r.sold(), r.total(),
            r.count(), r.saleId());
    }
}
