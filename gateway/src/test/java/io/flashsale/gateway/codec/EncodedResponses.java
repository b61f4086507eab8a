package io.flashsale.gateway.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;

/**
 * Reads back responses the gateway encoded itself, through Netty's own client-side decoder: a response that is not
 * valid HTTP/1.1 fails here.
 */
public final class EncodedResponses
{
    private EncodedResponses()
    {
    }

    /**
     * @param encoded one encoded response (released).
     * @return it decoded (the caller releases it).
     */
    public static FullHttpResponse decode(final ByteBuf encoded)
    {
        final EmbeddedChannel client =
            new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 20));
        client.writeInbound(encoded);
        final FullHttpResponse response = client.readInbound();
        if (response == null || response.decoderResult().isFailure())
        {
            client.finishAndReleaseAll();
            throw new AssertionError("not one complete HTTP response: " + response);
        }
        if (client.readInbound() != null)
        {
            client.finishAndReleaseAll();
            throw new AssertionError("more than one response in one buffer");
        }
        client.finishAndReleaseAll();
        return response;
    }
}
