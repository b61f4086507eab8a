package io.flashsale.gateway.server;

import io.flashsale.engine.command.CommandType;
import io.flashsale.gateway.codec.ApiCode;
import io.flashsale.gateway.codec.ReplySlot;
import io.flashsale.gateway.codec.ResponseEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Maps one engine result of a buyer-facing command (buy, pay, cancel, order and SKU queries, restock) to its API code
 * and response. Stateless.
 */
final class OrderReplies
{
    private OrderReplies()
    {
    }

    static ApiCode code(final ReplySlot slot)
    {
        return ApiCode.of(slot.result());
    }

    static ByteBuf encode(final ByteBufAllocator alloc, final ReplySlot slot, final ApiCode code)
    {
        switch (code)
        {
            case RESERVED:
            case DUPLICATE:
            case PAID:
            case CANCELLED:
                return ResponseEncoder.order(alloc, code, slot);
            case OK:
                return ok(alloc, slot);
            case INVALID_STATE:
                return ResponseEncoder.invalidState(alloc, slot);
            default:
                return ResponseEncoder.rejection(alloc, slot);
        }
    }

    private static ByteBuf ok(final ByteBufAllocator alloc, final ReplySlot slot)
    {
        final CommandType type = slot.type();
        if (type == CommandType.QUERY_SKU)
        {
            return ResponseEncoder.sku(alloc, slot);
        }
        if (type == CommandType.RESTOCK)
        {
            return ResponseEncoder.stock(alloc, slot);
        }
        return ResponseEncoder.order(alloc, ApiCode.OK, slot);
    }
}
