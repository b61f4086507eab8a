package io.flashsale.gateway.ops;

import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon thread of an ops sampler: calls its sample step once per interval, on a fixed schedule (a late sample
 * does not shift the next ones), until stopped. A failing sample is logged and the next one runs.
 */
final class SamplingThread
{
    private static final Logger LOG = LoggerFactory.getLogger(SamplingThread.class);
    private static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Thread thread;
    private final long intervalNanos;
    private final Runnable sample;
    private volatile boolean running = true;
    private long samples;

    /**
     * Start sampling.
     *
     * @param name           the thread's name.
     * @param intervalMillis time between samples; the first is one interval from now.
     * @param sample         one sample.
     */
    SamplingThread(final String name, final long intervalMillis, final Runnable sample)
    {
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.sample = sample;
        this.thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * @return true until {@link #stop()}.
     */
    boolean running()
    {
        return running;
    }

    private void loop()
    {
        long next = System.nanoTime() + intervalNanos;
        while (running)
        {
            final long wait = next - System.nanoTime();
            if (wait > 0)
            {
                try
                {
                    TimeUnit.NANOSECONDS.sleep(Math.min(wait, MAX_SLEEP_NANOS));
                }
                catch (final InterruptedException ex)
                {
                    break;
                }
                continue;
            }
            next += intervalNanos;
            try
            {
                sample.run();
                sampled();
            }
            catch (final RuntimeException ex)
            {
                LOG.error("{} sampling failed", thread.getName(), ex);
            }
        }
    }

    private synchronized void sampled()
    {
        samples++;
        notifyAll();
    }

    /**
     * Block until the next sample has been taken (one interval from now at the latest).
     *
     * @param timeoutMillis give up after this long.
     * @return true if a new sample was taken, false on time-out or once stopped.
     * @throws InterruptedException if interrupted while waiting.
     */
    synchronized boolean awaitNextSample(final long timeoutMillis) throws InterruptedException
    {
        final long seen = samples;
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (samples == seen && running)
        {
            final long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0)
            {
                return false;
            }
            wait(left);
        }
        return samples != seen;
    }

    /**
     * Stop and wait (up to 5 s) for the thread to end.
     */
    void stop()
    {
        running = false;
        synchronized (this)
        {
            notifyAll();
        }
        thread.interrupt();
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
