package io.flashsale.gateway.server;

import io.flashsale.engine.command.Detail;
import io.flashsale.engine.command.ResultCode;
import io.flashsale.gateway.codec.ApiCode;
import io.flashsale.gateway.codec.Messages;
import io.flashsale.gateway.codec.ReplySlot;
import io.flashsale.gateway.codec.ResponseEncoder;
import io.flashsale.gateway.config.SaleDefinition;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

/**
 * Collects the results of one admin sale definition ({@link SaleCommands}, published in order from one event loop, so
 * they come back in that order) and answers once all are in: 201 if every command was accepted,
 * else the first rejection. Defining is idempotent, so a client may resend a definition that was cut short.
 * Event loop of the requesting connection only.
 */
final class AdminSaleTask implements MultiReply
{
    private final SaleDefinition sale;
    private final SaleCommands commands;
    private int expected;
    private int received;
    private boolean overloaded;
    private ResultCode failure;
    private int failureDetail;
    private int failureIndex;

    AdminSaleTask(final SaleDefinition sale, final SaleCommands commands)
    {
        this.sale = sale;
        this.commands = commands;
    }

    /**
     * @param published commands published (the rest did not fit the ring).
     * @param complete  whether every command was published.
     */
    void published(final int published, final boolean complete)
    {
        this.expected = published;
        this.overloaded = !complete;
    }

    @Override
    public boolean onReply(final ReplySlot slot)
    {
        final ResultCode result = slot.result();
        if (failure == null && result != ResultCode.OK)
        {
            failure = result;
            failureDetail = slot.detail();
            failureIndex = received;
        }
        received++;
        return received == expected;
    }

    @Override
    public ApiCode code()
    {
        if (failure != null)
        {
            return ApiCode.of(failure);
        }
        return overloaded ? ApiCode.OVERLOADED : ApiCode.CREATED;
    }

    @Override
    public ByteBuf response(final ByteBufAllocator alloc)
    {
        final ApiCode code = code();
        if (failure != null)
        {
            final String what = commands.describe(failureIndex);
            final String detail = Detail.text(failureDetail);
            return ResponseEncoder.error(alloc, code,
                what + ": " + (detail.isEmpty() ? Messages.of(code) : detail));
        }
        if (overloaded)
        {
            return ResponseEncoder.error(alloc, code,
                "ring full: definition partly applied; resend it (defining is idempotent)");
        }
        final ByteBuf b = alloc.buffer(96);
        ByteBufUtil.writeAscii(b, "{\"id\":" + sale.id() + ",\"skus\":" + sale.skus().size() + ",\"opensAt\":" +
            sale.opensAt() + ",\"closesAt\":" + sale.closesAt() + "}");
        return ResponseEncoder.response(code, b);
    }
}
