package io.flashsale.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.flashsale.cluster.support.Await;
import io.flashsale.cluster.support.JournalLines;
import io.flashsale.cluster.support.TestShard;
import io.flashsale.cluster.support.TestShardClient;
import io.flashsale.engine.audit.AuditReport;
import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.state.EngineState;

class ShardRestartTest extends AbstractShardTest
{
    private static final int STOCK = 500;
    private static final int BATCH = 30;

    private long nextUser = 1000;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldCatchUpFromSnapshotAfterRestartWithoutWritingARecordTwice() throws Exception
    {
        try (TestShard shard = new TestShard(NO_TICKS_MILLIS))
        {
            final int restarted;
            try (TestShardClient client = connect(shard))
            {
                defineSale(client, STOCK, 2);
                buyBatch(client);

                final int leader = shard.awaitLeader();
                Await.until(() -> shard.member(leader).requestSnapshot());
                Await.until(client::poll, () ->
                {
                    for (int m = 0; m < TestShard.MEMBERS; m++)
                    {
                        if (shard.member(m).snapshotCount() < 1)
                        {
                            return false;
                        }
                    }
                    return true;
                });

                buyBatch(client);
                barrier(shard, client);
                restarted = (leader + 1) % TestShard.MEMBERS;
                shard.stop(restarted);

                buyBatch(client);
                shard.launch(restarted);
                buyBatch(client);
                barrier(shard, client);
                final EngineClusteredService survivor = shard.member(leader).service();
                final EngineClusteredService service = shard.member(restarted).service();
                assertEquals(survivor.messagesApplied() - 2 - BATCH, service.messagesApplied(),
                    "the restarted member loaded the snapshot taken after the first batch and replayed the rest");
                assertEquals(BATCH, service.journalRecordsSkipped(),
                    "the second batch, journaled before the restart, was replayed but not written again");
            }

            final EngineState[] states = new EngineState[TestShard.MEMBERS];
            for (int m = 0; m < TestShard.MEMBERS; m++)
            {
                states[m] = shard.member(m).service().state();
                shard.stop(m);
            }
            assertMembersAgree(states);
            assertSound(states[0]);
            assertEquals(4 * BATCH, states[0].orders().count());

            final AuditReport other = assertAuditClean(shard.dataDirectory((restarted + 1) % TestShard.MEMBERS));
            final AuditReport report = assertAuditClean(shard.dataDirectory(restarted));
            assertEquals(2 + 4 * BATCH, report.records(), "every record once in the restarted member's journal");
            assertEquals(other.records(), report.records());
            assertArrayEquals(other.ordersByState(), report.ordersByState());
            assertEquals(JournalLines.of(shard.dataDirectory((restarted + 1) % TestShard.MEMBERS)),
                JournalLines.of(shard.dataDirectory(restarted)));
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldRebuildAWipedMemberFromTheClusterWithACompleteJournal() throws Exception
    {
        try (TestShard shard = new TestShard(NO_TICKS_MILLIS))
        {
            final int rebuilt;
            try (TestShardClient client = connect(shard))
            {
                defineSale(client, STOCK, 2);
                buyBatch(client);
                final int leader = shard.awaitLeader();
                Await.until(() -> shard.member(leader).requestSnapshot());
                Await.until(client::poll, () -> shard.member(leader).snapshotCount() >= 1);
                buyBatch(client);
                barrier(shard, client);

                rebuilt = (leader + 2) % TestShard.MEMBERS;
                shard.stop(rebuilt);
                shard.wipe(rebuilt);
                buyBatch(client);
                shard.launch(rebuilt);
                buyBatch(client);
                barrier(shard, client);
            }

            final EngineState[] states = new EngineState[TestShard.MEMBERS];
            for (int m = 0; m < TestShard.MEMBERS; m++)
            {
                states[m] = shard.member(m).service().state();
                shard.stop(m);
            }
            assertMembersAgree(states);
            assertSound(states[rebuilt]);
            final AuditReport other = assertAuditClean(shard.dataDirectory((rebuilt + 1) % TestShard.MEMBERS));
            final AuditReport report = assertAuditClean(shard.dataDirectory(rebuilt));
            assertEquals(2 + 4 * BATCH, report.records(), "the rebuilt member journaled every record once");
            assertEquals(other.records(), report.records());
            assertEquals(JournalLines.of(shard.dataDirectory((rebuilt + 1) % TestShard.MEMBERS)),
                JournalLines.of(shard.dataDirectory(rebuilt)));
        }
    }

    private void buyBatch(final TestShardClient client)
    {
        final long first = correlationId();
        for (int b = 0; b < BATCH; b++)
        {
            sendBuy(client, first + b, nextUser++);
            if (b + 1 < BATCH)
            {
                correlationId();
            }
        }
        for (int b = 0; b < BATCH; b++)
        {
            assertEquals(ResultCode.RESERVED, client.await(first + b).code());
        }
    }
}
