package io.flashsale.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.flashsale.cluster.support.JournalLines;
import io.flashsale.cluster.support.TestShard;
import io.flashsale.cluster.support.TestShardClient;
import io.flashsale.engine.audit.AuditReport;
import io.flashsale.engine.command.OrderState;
import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.state.EngineState;

class ShardAgreementTest extends AbstractShardTest
{
    private static final int STOCK = 50;
    private static final int BUYERS = 80;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldAgreeOnEveryMemberAndJournalTheSameOrders() throws Exception
    {
        try (TestShard shard = new TestShard(NO_TICKS_MILLIS))
        {
            try (TestShardClient client = connect(shard))
            {
                defineSale(client, STOCK, 2);
                final long first = correlationId();
                for (int b = 0; b < BUYERS; b++)
                {
                    sendBuy(client, first + b, 1000 + b);
                    correlationId();
                }
                int reserved = 0;
                for (int b = 0; b < BUYERS; b++)
                {
                    final TestShardClient.Result result = client.await(first + b);
                    if (result.code() == ResultCode.RESERVED)
                    {
                        assertEquals(OrderState.RESERVED, result.orderState());
                        reserved++;
                    }
                    else
                    {
                        assertEquals(ResultCode.SOLD_OUT, result.code());
                    }
                }
                assertEquals(STOCK, reserved);

                final long repeat = correlationId();
                sendBuy(client, repeat, 1000);
                assertEquals(client.await(first).orderId(), client.await(repeat).orderId(),
                    "a resent buy is answered with its first order");
                barrier(shard, client);
            }
            final EngineState[] states = new EngineState[TestShard.MEMBERS];
            for (int m = 0; m < TestShard.MEMBERS; m++)
            {
                states[m] = shard.member(m).service().state();
                shard.stop(m);
            }
            assertMembersAgree(states);
            assertSound(states[0]);
            assertEquals(STOCK, states[0].orders().count());

            final AuditReport leaderless = assertAuditClean(shard.dataDirectory(0));
            for (int m = 1; m < TestShard.MEMBERS; m++)
            {
                final AuditReport report = assertAuditClean(shard.dataDirectory(m));
                assertEquals(leaderless.records(), report.records(), "member " + m + " journal records");
                assertArrayEquals(leaderless.ordersByState(), report.ordersByState(), "member " + m);
                assertEquals(JournalLines.of(shard.dataDirectory(0)), JournalLines.of(shard.dataDirectory(m)),
                    "member " + m + " journaled the same records, in the same order, with the same timestamps");
            }
            assertEquals(2 + STOCK, leaderless.records(), "sale, SKU and one record per order");
        }
    }
}
