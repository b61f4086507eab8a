package io.flashsale.gateway.support;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.flashsale.engine.command.CommandResult;
import io.flashsale.engine.pipeline.ResultSink;

/**
 * Test-only result sink wrapper that can hold the engine's business thread inside {@code onResult}, so the ring fills
 * up behind it exactly as it would behind a stalled engine. Injected through the server's sink decorator; the engine is
 * unchanged.
 */
public final class PausableSink implements ResultSink
{
    private final ResultSink delegate;
    private final CountDownLatch entered = new CountDownLatch(1);
    private volatile CountDownLatch gate;

    /**
     * @param delegate the gateway's sink.
     */
    public PausableSink(final ResultSink delegate)
    {
        this.delegate = delegate;
    }

    /**
     * Hold the engine thread at its next result.
     */
    public void pause()
    {
        gate = new CountDownLatch(1);
    }

    /**
     * @throws InterruptedException if interrupted.
     */
    public void awaitPaused() throws InterruptedException
    {
        if (!entered.await(30, TimeUnit.SECONDS))
        {
            throw new IllegalStateException("engine thread never reached the sink");
        }
    }

    /**
     * Let the engine thread go on.
     */
    public void resume()
    {
        final CountDownLatch g = gate;
        gate = null;
        if (g != null)
        {
            g.countDown();
        }
    }

    @Override
    public void onResult(final CommandResult result)
    {
        final CountDownLatch g = gate;
        if (g != null)
        {
            entered.countDown();
            try
            {
                g.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        delegate.onResult(result);
    }

    @Override
    public void onEndOfBatch()
    {
        delegate.onEndOfBatch();
    }
}
