package io.flashsale.gateway.server;

import io.flashsale.engine.pipeline.CommandPublisher;
import io.flashsale.gateway.codec.ApiCode;
import io.flashsale.gateway.codec.OrderRequest;
import io.flashsale.gateway.codec.OrderRequestDecoder;
import io.flashsale.gateway.codec.ResponseEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * The buyer endpoints: decode the body on the event loop (hand-written, allocation-free), publish the command without
 * blocking (a full ring is answered 503 OVERLOADED at once), and let the engine's reply complete the request. The
 * decoder and its target are per event loop. Thread-safe (stateless apart from the per-thread scratch).
 */
final class OrderApi
{
    private static final FastThreadLocal<OrderRequestDecoder> DECODER = new FastThreadLocal<>()
    {
        @Override
        protected OrderRequestDecoder initialValue()
        {
            return new OrderRequestDecoder();
        }
    };
    private static final FastThreadLocal<OrderRequest> REQUEST = new FastThreadLocal<>()
    {
        @Override
        protected OrderRequest initialValue()
        {
            return new OrderRequest();
        }
    };

    private final CommandPublisher publisher;

    OrderApi(final CommandPublisher publisher)
    {
        this.publisher = publisher;
    }

    /**
     * {@code POST /v1/orders}.
     */
    void buy(final RequestHandler h, final long seq, final ByteBuf body)
    {
        final OrderRequest r = REQUEST.get();
        final int error = DECODER.get().decode(body, OrderRequest.BUY_FIELDS, r);
        if (error != OrderRequestDecoder.OK)
        {
            invalid(h, seq, OrderRequestDecoder.message(error));
            return;
        }
        if (!publisher.buy(h.replyTo(), seq, r.user(), r.sku(), r.qty(), r.requestId(), 0, r.requestIdLength()))
        {
            overloaded(h, seq);
        }
    }

    /**
     * {@code POST /v1/orders/{id}/pay} and {@code /cancel}.
     */
    void payOrCancel(final RequestHandler h, final long seq, final long orderId, final ByteBuf body, final boolean pay)
    {
        final OrderRequest r = REQUEST.get();
        final int error = DECODER.get().decode(body, OrderRequest.USER, r);
        if (error != OrderRequestDecoder.OK)
        {
            invalid(h, seq, OrderRequestDecoder.message(error));
            return;
        }
        final boolean published = pay ? publisher.pay(h.replyTo(), seq, orderId, r.user()) :
            publisher.cancel(h.replyTo(), seq, orderId, r.user());
        if (!published)
        {
            overloaded(h, seq);
        }
    }

    /**
     * {@code GET /v1/orders/{id}}.
     */
    void order(final RequestHandler h, final long seq, final long orderId)
    {
        if (!publisher.queryOrder(h.replyTo(), seq, orderId))
        {
            overloaded(h, seq);
        }
    }

    /**
     * {@code GET /v1/skus/{id}}.
     */
    void sku(final RequestHandler h, final long seq, final long skuId)
    {
        if (!publisher.querySku(h.replyTo(), seq, skuId))
        {
            overloaded(h, seq);
        }
    }

    static void invalid(final RequestHandler h, final long seq, final String message)
    {
        h.complete(seq, ApiCode.INVALID, ResponseEncoder.error(h.context().alloc(), ApiCode.INVALID, message));
    }

    static void overloaded(final RequestHandler h, final long seq)
    {
        h.complete(seq, ApiCode.OVERLOADED, ResponseEncoder.error(h.context().alloc(), ApiCode.OVERLOADED));
    }
}
