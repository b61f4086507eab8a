package io.flashsale.gateway.server;

import io.flashsale.gateway.codec.ApiCode;
import io.flashsale.gateway.codec.ReplySlot;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * A request that several engine results answer together (see {@link Responder#awaitReplies}). Its results arrive in
 * the order their commands were published from the connection's event loop.
 * <p>
 * Event loop of the requesting connection only.
 */
interface MultiReply
{
    /**
     * @param slot one result, valid during the call only.
     * @return true when it was the last one expected: the request is then answered with {@link #code()} and
     *         {@link #response}.
     */
    boolean onReply(ReplySlot slot);

    /**
     * @return the outcome, once every result is in.
     */
    ApiCode code();

    /**
     * @param alloc the connection's allocator.
     * @return the response, once every result is in; ownership passes to the caller.
     */
    ByteBuf response(ByteBufAllocator alloc);
}
