package io.flashsale.bench.crash;

import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client threads driving a node or a cluster gateway between two kills: each a {@link CrashClient} on its own
 * pipelining connection, recording into the shared ledger, until {@link #stop()}.
 */
final class ClientDrive
{
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread[] threads;
    private final long ranMillis;

    private ClientDrive(final int clients, final long ranMillis)
    {
        this.threads = new Thread[clients];
        this.ranMillis = ranMillis;
    }

    /**
     * Start the clients and let them run for a random time between the bounds (the caller then kills).
     *
     * @param port         the node's or gateway's HTTP port.
     * @param ledger       what the clients were told.
     * @param random       the harness's seeded randomness.
     * @param requestSeq   request id sequence shared across runs.
     * @param tag          request id prefix of this run.
     * @param clients      client threads.
     * @param minRunMillis shortest run.
     * @param maxRunMillis longest run.
     * @return the running drive, after its run time.
     * @throws InterruptedException if interrupted while the clients run.
     */
    static ClientDrive run(final int port, final Ledger ledger, final Random random, final AtomicLong requestSeq,
        final String tag, final int clients, final long minRunMillis, final long maxRunMillis)
        throws InterruptedException
    {
        final long span = Math.max(0, maxRunMillis - minRunMillis);
        final long ranMillis = minRunMillis + (span == 0 ? 0 : (long)(random.nextDouble() * span));
        final ClientDrive drive = new ClientDrive(clients, ranMillis);
        for (int i = 0; i < clients; i++)
        {
            final CrashClient client = new CrashClient(port, ledger, new Random(random.nextLong()), requestSeq,
                tag + "c" + i, new CrashSale(), drive.stop::get);
            drive.threads[i] = new Thread(client, "crash-client-" + i);
            drive.threads[i].start();
        }
        Thread.sleep(ranMillis);
        return drive;
    }

    /**
     * @return how long the clients ran before the caller's next step.
     */
    long ranMillis()
    {
        return ranMillis;
    }

    /**
     * Stop the clients and wait for them (their unanswered requests count as unknown in the ledger).
     *
     * @throws InterruptedException if interrupted.
     */
    void stop() throws InterruptedException
    {
        stop.set(true);
        for (final Thread t : threads)
        {
            t.join(60_000);
        }
    }
}
