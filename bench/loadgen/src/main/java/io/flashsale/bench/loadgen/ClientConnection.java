package io.flashsale.bench.loadgen;

import io.flashsale.client.ResponseListener;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * One keep-alive connection of a {@link LoadWorker}: the requests in flight on it, in send order (HTTP/1.1 answers
 * come back in that order, also when pipelined). Lives on its worker's event loop only.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter implements ResponseListener
{
    private final LoadWorker worker;
    private final Exchange[] inflight;
    private int head;
    private int count;
    Channel channel;
    boolean queued;
    boolean touched;

    ClientConnection(final LoadWorker worker, final int pipeline)
    {
        this.worker = worker;
        this.inflight = new Exchange[pipeline];
    }

    int inflightCount()
    {
        return count;
    }

    boolean hasCapacity()
    {
        return count < inflight.length && channel != null && channel.isActive();
    }

    void push(final Exchange x)
    {
        inflight[(head + count) % inflight.length] = x;
        count++;
    }

    Exchange poll()
    {
        if (count == 0)
        {
            return null;
        }
        final Exchange x = inflight[head];
        inflight[head] = null;
        head = (head + 1) % inflight.length;
        count--;
        return x;
    }

    @Override
    public void onResponse(final int status, final int retryAfterSeconds, final ByteBuf body)
    {
        final Exchange x = poll();
        if (x == null)
        {
            worker.onProtocolError(this);
            return;
        }
        worker.onResponse(this, x, status, body);
    }

    @Override
    public void channelReadComplete(final ChannelHandlerContext ctx)
    {
        worker.pump();
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        worker.onConnectionLost(this);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        worker.onProtocolError(this);
    }
}
