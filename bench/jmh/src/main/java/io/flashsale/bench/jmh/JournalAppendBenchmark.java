package io.flashsale.bench.jmh;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.flashsale.engine.journal.Journal;
import io.flashsale.engine.journal.JournalWriter;
import io.flashsale.engine.journal.SyncPolicy;

/**
 * Raw journal appends: ORDER_RESERVED records (36-byte request id) written with {@link JournalWriter} to a real
 * Chronicle Queue, committing an excerpt after every record or after every 64 records. The score is records per
 * second, so the two params show what batching records into one excerpt (as the engine does at the end of each
 * ring batch) buys.
 * <p>
 * Thread-scoped: a Chronicle appender belongs to the thread that created it, and JMH runs the set-up of a
 * thread-scoped state on the benchmark thread. A fresh queue is opened for every iteration and deleted after it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class JournalAppendBenchmark
{
    /** Records appended per invocation. */
    static final int RECORDS = 64;

    private static final long PRICE = 19_900;
    private static final long PAYMENT_WINDOW_MILLIS = 15 * 60_000L;

    /** Records per committed excerpt: 1 (commit each) or 64 (one excerpt per invocation). */
    @Param({"1", "64"})
    public int recordsPerExcerpt;

    private final byte[] requestId = new byte[RequestIds.LENGTH];
    private Path directory;
    private Journal journal;
    private JournalWriter writer;
    private long orderId;
    private int inExcerpt;

    /**
     * Open a fresh queue and its writer on the benchmark thread.
     */
    @Setup(Level.Iteration)
    public void open()
    {
        RequestIds.write(requestId, 0, 0x0123456789ABCDEFL, 0x4EADBEEF00000000L);
        directory = Directories.createTemp("flashsale-journal-bench");
        journal = new Journal(directory, SyncPolicy.NONE, false);
        writer = journal.newWriter();
        inExcerpt = 0;
    }

    /**
     * Append {@value #RECORDS} records, committing every {@link #recordsPerExcerpt}.
     *
     * @return records written so far (keeps the work observable).
     */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long append()
    {
        final JournalWriter out = writer;
        final long timestamp = orderId;
        for (int i = 0; i < RECORDS; i++)
        {
            final long id = ++orderId;
            out.onOrderReserved(timestamp, id, id, 1 + (id & 1023), 1, PRICE, timestamp + PAYMENT_WINDOW_MILLIS,
                requestId, RequestIds.LENGTH);
            if (++inExcerpt == recordsPerExcerpt)
            {
                out.commit();
                inExcerpt = 0;
            }
        }
        return out.recordsWritten();
    }

    /**
     * Close the writer and the queue and delete its files.
     */
    @TearDown(Level.Iteration)
    public void close()
    {
        writer.close();
        journal.close();
        Directories.delete(directory);
    }
}
