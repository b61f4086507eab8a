package io.flashsale.client;

import io.netty.buffer.ByteBuf;

/**
 * Receives each parsed HTTP response of a {@link HttpResponseParser}, on the connection's event loop.
 */
public interface ResponseListener
{
    /**
     * @param status            HTTP status code.
     * @param retryAfterSeconds value of {@code Retry-After} in seconds, or -1 if absent.
     * @param body              the body; valid only during the call, must not be released or retained.
     */
    void onResponse(int status, int retryAfterSeconds, ByteBuf body);
}
