package io.flashsale.gateway.server;

import io.flashsale.engine.pipeline.CommandPublisher;
import io.flashsale.gateway.codec.ApiCode;
import io.flashsale.gateway.codec.OrderRequest;
import io.flashsale.gateway.codec.OrderRequestDecoder;
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
    void buy(final Responder r, final long seq, final ByteBuf body)
    {
        final OrderRequest request = REQUEST.get();
        final int error = DECODER.get().decode(body, OrderRequest.BUY_FIELDS, request);
        if (error != OrderRequestDecoder.OK)
        {
            r.error(seq, ApiCode.INVALID, OrderRequestDecoder.message(error));
            return;
        }
        if (!publisher.buy(r.replyTo(), seq, request.user(), request.sku(), request.qty(), request.requestId(), 0,
            request.requestIdLength()))
        {
            r.error(seq, ApiCode.OVERLOADED);
        }
    }

    /**
     * {@code POST /v1/orders/{id}/pay} and {@code /cancel}.
     */
    void payOrCancel(final Responder r, final long seq, final long orderId, final ByteBuf body, final boolean pay)
    {
        final OrderRequest request = REQUEST.get();
        final int error = DECODER.get().decode(body, OrderRequest.USER, request);
        if (error != OrderRequestDecoder.OK)
        {
            r.error(seq, ApiCode.INVALID, OrderRequestDecoder.message(error));
            return;
        }
        final boolean published = pay ? publisher.pay(r.replyTo(), seq, orderId, request.user()) :
            publisher.cancel(r.replyTo(), seq, orderId, request.user());
        if (!published)
        {
            r.error(seq, ApiCode.OVERLOADED);
        }
    }

    /**
     * {@code GET /v1/orders/{id}}.
     */
    void order(final Responder r, final long seq, final long orderId)
    {
        if (!publisher.queryOrder(r.replyTo(), seq, orderId))
        {
            r.error(seq, ApiCode.OVERLOADED);
        }
    }

    /**
     * {@code GET /v1/skus/{id}}.
     */
    void sku(final Responder r, final long seq, final long skuId)
    {
        if (!publisher.querySku(r.replyTo(), seq, skuId))
        {
            r.error(seq, ApiCode.OVERLOADED);
        }
    }

}
