package io.flashsale.gateway.codec;

import io.flashsale.engine.command.CommandResult;
import io.flashsale.engine.command.CommandType;
import io.flashsale.engine.command.OrderState;
import io.flashsale.engine.command.ResultCode;

/**
 * A reusable copy of one engine result, made on the engine thread and read on the connection's event loop. Slots are
 * preallocated and recycled; a slot is owned by exactly one thread at a time (handed over through a concurrent queue,
 * which publishes its fields safely).
 */
public final class ReplySlot
{
    long correlationId;
    CommandType type;
    ResultCode result;
    int detail;
    long orderId;
    OrderState orderState;
    long userId;
    long skuId;
    int quantity;
    long price;
    long deadline;
    long available;
    long held;
    long sold;
    long total;
    int limit;
    long saleId;
    long storeId;
    final byte[] requestId = new byte[OrderRequest.REQUEST_ID_CAPACITY];
    int requestIdLength;

    /**
     * Copy a result in (engine thread).
     *
     * @param r the result, valid during the sink call only.
     */
    public void copyFrom(final CommandResult r)
    {
        correlationId = r.correlationId();
        type = r.type();
        result = r.result();
        detail = r.detail();
        orderId = r.orderId();
        orderState = r.orderState();
        userId = r.userId();
        skuId = r.skuId();
        quantity = r.quantity();
        price = r.price();
        deadline = r.deadline();
        available = r.available();
        held = r.held();
        sold = r.sold();
        total = r.total();
        limit = r.limit();
        saleId = r.saleId();
        storeId = r.storeId();
        requestIdLength = r.copyRequestId(requestId, 0);
    }

    /**
     * @return the correlation id the command was published with.
     */
    public long correlationId()
    {
        return correlationId;
    }

    /**
     * @return the command type.
     */
    public CommandType type()
    {
        return type;
    }

    /**
     * @return the engine's outcome.
     */
    public ResultCode result()
    {
        return result;
    }

    /**
     * @return the detail code (see {@link io.flashsale.engine.command.Detail}).
     */
    public int detail()
    {
        return detail;
    }
}
