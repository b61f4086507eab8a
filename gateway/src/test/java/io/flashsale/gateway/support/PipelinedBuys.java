package io.flashsale.gateway.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flashsale.client.HttpConnection;

/**
 * Buys of fresh buyers pipelined on one keep-alive connection, 50 in flight at a time.
 */
public final class PipelinedBuys
{
    private static final int WINDOW = 50;

    private PipelinedBuys()
    {
    }

    /**
     * Send the buys and check each is answered 201 RESERVED or 409 (sold out).
     *
     * @param port      the gateway's port.
     * @param sku       the SKU bought.
     * @param firstUser the first buyer id (each buy has its own buyer and request id).
     * @param count     how many buys.
     * @throws Exception on a connection failure or another answer.
     */
    public static void send(final int port, final long sku, final int firstUser, final int count) throws Exception
    {
        try (HttpConnection pipe = new HttpConnection(port, 30_000))
        {
            for (int from = 0; from < count; from += WINDOW)
            {
                final int n = Math.min(WINDOW, count - from);
                for (int i = 0; i < n; i++)
                {
                    final int user = firstUser + from + i;
                    pipe.write(HttpConnection.request("POST", "/v1/orders", "{\"user\":" + user + ",\"sku\":" + sku +
                        ",\"qty\":1,\"requestId\":\"a-" + user + "\"}"));
                }
                pipe.flush();
                for (int i = 0; i < n; i++)
                {
                    final int status = pipe.read().status();
                    assertTrue(status == 201 || status == 409, "reserved or sold out, got " + status);
                }
            }
        }
    }
}
