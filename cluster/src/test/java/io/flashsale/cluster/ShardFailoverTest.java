package io.flashsale.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.flashsale.cluster.support.Await;
import io.flashsale.cluster.support.TestShard;
import io.flashsale.cluster.support.TestShardClient;
import io.flashsale.engine.command.OrderState;
import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.state.EngineState;

class ShardFailoverTest extends AbstractShardTest
{
    private static final int STOCK = 150;
    private static final int BUYERS = 400;
    private static final int IN_FLIGHT = 40;
    private static final int KILL_AFTER = 100;
    private static final long RESEND_AFTER_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long FIRST_USER = 5000;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldNeitherOversellNorDuplicateWhenTheLeaderIsLostUnderABuyStream() throws Exception
    {
        try (TestShard shard = new TestShard(NO_TICKS_MILLIS))
        {
            final int killed;
            final long[] acknowledgedOrders = new long[BUYERS];
            try (TestShardClient client = connect(shard))
            {
                defineSale(client, STOCK, 2);
                final long first = correlationId();
                for (int b = 1; b < BUYERS; b++)
                {
                    correlationId();
                }
                killed = stream(shard, client, first);
                barrier(shard, client);
                assertTrue(client.newLeaders() > 0, "the client heard of the new leader");

                int reserved = 0;
                for (int b = 0; b < BUYERS; b++)
                {
                    final TestShardClient.Result result = client.result(first + b);
                    if (result.code() == ResultCode.RESERVED || result.code() == ResultCode.DUPLICATE)
                    {
                        assertEquals(OrderState.RESERVED, result.orderState());
                        acknowledgedOrders[b] = result.orderId();
                        reserved++;
                    }
                    else
                    {
                        assertEquals(ResultCode.SOLD_OUT, result.code());
                    }
                }
                assertEquals(STOCK, reserved, "every unit sold exactly once (a resent buy answers with its order)");
            }

            final EngineState[] states = new EngineState[TestShard.MEMBERS - 1];
            int s = 0;
            for (int m = 0; m < TestShard.MEMBERS; m++)
            {
                if (m != killed)
                {
                    states[s++] = shard.member(m).service().state();
                    shard.stop(m);
                }
            }
            assertMembersAgree(states);
            for (final EngineState state : states)
            {
                assertSound(state);
                assertEquals(STOCK, state.orders().count(), "one order per reserved unit, none twice");
                for (int b = 0; b < BUYERS; b++)
                {
                    if (acknowledgedOrders[b] != 0)
                    {
                        assertEquals(FIRST_USER + b, state.orders().user(acknowledgedOrders[b]));
                        assertEquals(OrderState.RESERVED.code(), state.orders().state(acknowledgedOrders[b]));
                    }
                }
            }
            for (int m = 0; m < TestShard.MEMBERS; m++)
            {
                if (m != killed)
                {
                    assertAuditClean(shard.dataDirectory(m));
                }
            }
        }
    }

    /**
     * Keep up to {@link #IN_FLIGHT} buys outstanding; close the leader once {@link #KILL_AFTER} were answered, and
     * resend every outstanding buy (same correlation and request ids) on a new leader or when answers stall.
     *
     * @return the member that was closed.
     */
    private static int stream(final TestShard shard, final TestShardClient client, final long first)
    {
        int killed = -1;
        int sent = 0;
        int answered = 0;
        long leadersSeen = client.newLeaders();
        long lastProgressNs = System.nanoTime();
        while (answered < BUYERS)
        {
            client.poll();
            while (sent < BUYERS && sent - answered < IN_FLIGHT)
            {
                sendBuy(client, first + sent, FIRST_USER + sent);
                sent++;
            }
            final int before = answered;
            while (answered < sent && client.result(first + answered) != null)
            {
                answered++;
            }
            final long now = System.nanoTime();
            if (answered > before)
            {
                lastProgressNs = now;
            }
            if (killed < 0 && answered >= KILL_AFTER)
            {
                killed = shard.awaitLeader();
                shard.stop(killed);
            }
            if (client.newLeaders() != leadersSeen || now - lastProgressNs > RESEND_AFTER_NS)
            {
                leadersSeen = client.newLeaders();
                lastProgressNs = now;
                for (int b = answered; b < sent; b++)
                {
                    if (client.result(first + b) == null)
                    {
                        sendBuy(client, first + b, FIRST_USER + b);
                    }
                }
            }
        }
        final int survivorsLeader = killed;
        Await.until(client::poll, () -> shard.awaitLeader() != survivorsLeader);
        return killed;
    }
}
