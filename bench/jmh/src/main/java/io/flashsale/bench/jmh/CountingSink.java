package io.flashsale.bench.jmh;

import java.util.concurrent.atomic.AtomicLong;

import io.flashsale.engine.command.CommandResult;
import io.flashsale.engine.command.CommandType;
import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.pipeline.ResultSink;

/**
 * A result sink that only counts: BUY outcomes by result code, other results apart, and publishes the running total
 * once per engine batch so a producer can spin until its commands were answered (that is, journaled).
 * <p>
 * Written by the engine thread only. {@link #completed()} may be read by any thread; the per-code counts only after
 * the engine was closed (its thread has then stopped, which orders the writes before the read).
 */
final class CountingSink implements ResultSink
{
    private final long[] buysByCode = new long[ResultCode.values().length];
    private final AtomicLong completed = new AtomicLong();
    private long results;
    private long otherNotOk;

    @Override
    public void onResult(final CommandResult result)
    {
        results++;
        if (result.type() == CommandType.BUY)
        {
            buysByCode[result.result().ordinal()]++;
        }
        else if (result.result() != ResultCode.OK)
        {
            otherNotOk++;
        }
    }

    @Override
    public void onEndOfBatch()
    {
        completed.lazySet(results);
    }

    /**
     * @return results delivered so far, of any command type (updated at the end of each engine batch).
     */
    long completed()
    {
        return completed.get();
    }

    /**
     * @param code a result code.
     * @return BUY results with that code (read after the engine was closed).
     */
    long buys(final ResultCode code)
    {
        return buysByCode[code.ordinal()];
    }

    /**
     * @return results of non-BUY commands (sale and SKU set-up) that were not OK (read after the engine was closed).
     */
    long otherNotOk()
    {
        return otherNotOk;
    }
}
