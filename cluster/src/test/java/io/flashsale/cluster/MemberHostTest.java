package io.flashsale.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.aeron.Aeron;
import io.flashsale.cluster.support.Await;
import io.flashsale.cluster.support.JournalLines;
import io.flashsale.cluster.support.TestMemberCluster;
import io.flashsale.cluster.support.TestShardClient;
import io.flashsale.engine.audit.AuditReport;
import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.state.EngineState;

/**
 * Three {@link MemberHost}s, two shards: every shard elects a leader on the shared drivers and archives, answers with
 * order ids carrying its shard, snapshots on request, keeps answering when the host leading shard 0 closes, and the
 * relaunched host catches up (its snapshots and logs, then the leaders') so that every member's journal of a shard
 * holds the same records.
 */
class MemberHostTest extends AbstractShardTest
{
    private static final int PORT_BASE = 15_000 + (int)(ProcessHandle.current().pid() % 50) * 100;
    private static final int SHARDS = 2;
    private static final int STOCK = 500;
    private static final int BATCH = 20;
    private static final long RESEND_AFTER_NS = TimeUnit.SECONDS.toNanos(1);

    private long nextUser = 1000;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldServeEveryShardThroughTheLossOfAHostAndCatchItUpOnRelaunch() throws Exception
    {
        try (TestMemberCluster cluster = new TestMemberCluster(PORT_BASE, SHARDS, NO_TICKS_MILLIS))
        {
            final TestShardClient[] clients = new TestShardClient[SHARDS];
            final int relaunched;
            try
            {
                for (int shard = 0; shard < SHARDS; shard++)
                {
                    cluster.awaitLeader(shard);
                    clients[shard] = new TestShardClient(cluster.config().ingressEndpoints(shard),
                        Files.createTempDirectory(Path.of("/dev/shm"), "flashsale-client"));
                    defineSale(clients[shard], STOCK, 2);
                    buyBatch(clients[shard], shard);
                }

                for (int shard = 0; shard < SHARDS; shard++)
                {
                    snapshot(cluster, shard, clients[shard]);
                    buyBatch(clients[shard], shard);
                }

                relaunched = cluster.awaitLeader(0);
                cluster.stop(relaunched);
                for (final File markFile : MemberHost.markFiles(cluster.dataDirectory(relaunched), SHARDS))
                {
                    assertEquals(Aeron.NULL_VALUE, MarkFileGate.activityTimestamp(markFile, (line) ->
                    {
                    }), markFile + " is marked terminated by a clean close");
                }
                for (int shard = 0; shard < SHARDS; shard++)
                {
                    buyBatch(clients[shard], shard);
                }
                assertNotEquals(relaunched, cluster.awaitLeader(0), "shard 0 elected a leader among the others");

                cluster.launch(relaunched);
                for (int shard = 0; shard < SHARDS; shard++)
                {
                    buyBatch(clients[shard], shard);
                    barrier(cluster, shard, clients[shard]);
                    assertEquals(BATCH, cluster.host(relaunched).service(shard).journalRecordsSkipped(),
                        "shard " + shard + ": the relaunched host loaded its snapshot and replayed the batch after " +
                            "it without journaling it again");
                }
            }
            finally
            {
                CloseHelper.closeAll(clients);
            }

            final EngineState[][] states = new EngineState[SHARDS][TestMemberCluster.MEMBERS];
            for (int m = 0; m < TestMemberCluster.MEMBERS; m++)
            {
                for (int shard = 0; shard < SHARDS; shard++)
                {
                    states[shard][m] = cluster.host(m).service(shard).state();
                }
                cluster.stop(m);
            }
            for (int shard = 0; shard < SHARDS; shard++)
            {
                assertMembersAgree(states[shard]);
                assertSound(states[shard][0]);
                assertEquals(4 * BATCH, states[shard][0].orders().count(), "shard " + shard + " orders");
                final List<String> expected = JournalLines.of(shardDirectory(cluster, 0, shard));
                assertEquals(2 + 4 * BATCH, expected.size(), "sale, SKU and one record per order");
                for (int m = 0; m < TestMemberCluster.MEMBERS; m++)
                {
                    final Path directory = shardDirectory(cluster, m, shard);
                    final AuditReport report = assertAuditClean(directory);
                    assertEquals(expected.size(), report.records(), directory + " records");
                    assertEquals(expected, JournalLines.of(directory),
                        "member " + m + " journaled shard " + shard + "'s records in the same order and timestamps" +
                            (m == relaunched ? " (the relaunched member)" : ""));
                }
            }
        }
    }

    /**
     * Buy {@link #BATCH} units from new users and wait for every answer, resending the unanswered ones (same
     * correlation and request ids) when the client hears of a new leader or answers stall: a buy the engine already
     * took is answered with its order, so nothing is bought twice.
     */
    private void buyBatch(final TestShardClient client, final int shard)
    {
        final long first = correlationId();
        for (int b = 1; b < BATCH; b++)
        {
            correlationId();
        }
        final long firstUser = nextUser;
        nextUser += BATCH;
        for (int b = 0; b < BATCH; b++)
        {
            sendBuy(client, first + b, firstUser + b);
        }
        long leadersSeen = client.newLeaders();
        long lastProgressNs = System.nanoTime();
        int answered = 0;
        while (answered < BATCH)
        {
            client.poll();
            final int before = answered;
            while (answered < BATCH && client.result(first + answered) != null)
            {
                answered++;
            }
            final long now = System.nanoTime();
            if (answered > before)
            {
                lastProgressNs = now;
            }
            else if (client.newLeaders() != leadersSeen || now - lastProgressNs > RESEND_AFTER_NS)
            {
                leadersSeen = client.newLeaders();
                lastProgressNs = now;
                for (int b = answered; b < BATCH; b++)
                {
                    if (client.result(first + b) == null)
                    {
                        sendBuy(client, first + b, firstUser + b);
                    }
                }
            }
        }
        for (int b = 0; b < BATCH; b++)
        {
            final TestShardClient.Result result = client.result(first + b);
            assertTrue(result.code() == ResultCode.RESERVED || result.code() == ResultCode.DUPLICATE,
                () -> "buy " + result);
            assertEquals(shard, ShardOrderIds.shard(result.orderId()), () -> "order id of shard " + shard + ": " +
                result);
        }
    }

    /**
     * Snapshot the shard on every host: requested through its leader, taken by every member.
     */
    private static void snapshot(final TestMemberCluster cluster, final int shard, final TestShardClient client)
    {
        final int leader = cluster.awaitLeader(shard);
        Await.until(() -> cluster.host(leader).requestSnapshot(shard));
        Await.until(client::poll, () ->
        {
            for (int m = 0; m < TestMemberCluster.MEMBERS; m++)
            {
                if (cluster.host(m).snapshotCount(shard) < 1)
                {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * Answered by the shard's leader after everything before it was committed and applied there; then wait until
     * every running host applied the shard's log up to the leader's position.
     */
    private void barrier(final TestMemberCluster cluster, final int shard, final TestShardClient client)
    {
        final long query = correlationId();
        client.offer(CommandCodec.querySku(client.buffer(), query, SKU_ID));
        assertEquals(ResultCode.OK, client.await(query).code());
        final int leader = cluster.awaitLeader(shard);
        cluster.awaitApplied(shard, cluster.host(leader).service(shard).appliedPosition());
    }

    private static Path shardDirectory(final TestMemberCluster cluster, final int member, final int shard)
    {
        return MemberHost.shardDirectory(cluster.dataDirectory(member), shard);
    }
}
