package io.flashsale.jcstress;

import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJJ_Result;

import io.flashsale.engine.command.CommandType;
import io.flashsale.engine.command.EngineEvent;
import io.flashsale.engine.command.OrderState;
import io.flashsale.engine.command.ResultCode;
import io.flashsale.gateway.codec.ReplySlot;

/**
 * The reply hand-off as the gateway's reply queue does it: the business thread copies a result into a pooled
 * {@link ReplySlot} (plain fields) and offers the slot to a many-to-one queue; the event loop polls it and reads the
 * fields. A polled slot always carries the whole result, never a partly copied one.
 */
@JCStressTest
@Outcome(id = "-1, -1, -1", expect = Expect.ACCEPTABLE, desc = "not handed over yet")
@Outcome(id = "7, 1, 5", expect = Expect.ACCEPTABLE, desc = "handed over whole")
@Outcome(expect = Expect.FORBIDDEN, desc = "a slot seen before its fields")
@State
public class ReplyHandOffStress
{
    private final ManyToOneConcurrentArrayQueue<ReplySlot> ready = new ManyToOneConcurrentArrayQueue<>(4);
    private final ReplySlot slot = new ReplySlot();
    private final EngineEvent result = new EngineEvent();

    /** A reserved order's result, as the business thread holds it when the sink is called. */
    public ReplyHandOffStress()
    {
        result.reset(CommandType.BUY, null, 7, 1_700_000_000_000L, 0);
        result.order(1001, OrderState.RESERVED, 42, 501, 1, 1500, 1_700_000_060_000L);
        result.result(ResultCode.RESERVED, 5);
    }

    /** Business thread: copy and offer. */
    @Actor
    public void engine()
    {
        slot.copyFrom(result);
        ready.offer(slot);
    }

    /**
     * Event loop: poll and read.
     *
     * @param r correlation id, 1 if the result is RESERVED, and the detail of the polled slot, or -1s.
     */
    @Actor
    public void eventLoop(final JJJ_Result r)
    {
        final ReplySlot polled = ready.poll();
        if (polled == null)
        {
            r.r1 = -1;
            r.r2 = -1;
            r.r3 = -1;
        }
        else
        {
            r.r1 = polled.correlationId();
            r.r2 = polled.result() == ResultCode.RESERVED ? 1 : 0;
            r.r3 = polled.detail();
        }
    }
}
