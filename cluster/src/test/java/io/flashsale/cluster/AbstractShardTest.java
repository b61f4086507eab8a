package io.flashsale.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import io.flashsale.cluster.support.TestShard;
import io.flashsale.cluster.support.TestShardClient;
import io.flashsale.engine.audit.AuditReport;
import io.flashsale.engine.audit.JournalAudit;
import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.command.SaleLimits;
import io.flashsale.engine.state.EngineState;
import io.flashsale.engine.state.Invariants;
import io.flashsale.engine.state.OrderStore;
import io.flashsale.engine.state.StateDiff;

/**
 * Shared steps of the shard tests: set up a sale on a running shard, send buys, wait until every member applied
 * everything answered so far, and check members and their journals after they stopped.
 */
abstract class AbstractShardTest
{
    static final long SALE_ID = 1;
    static final long SKU_ID = 100;
    static final long NO_TICKS_MILLIS = 3_600_000;

    private long nextCorrelationId = 1;

    long correlationId()
    {
        return nextCorrelationId++;
    }

    static TestShardClient connect(final TestShard shard) throws Exception
    {
        shard.awaitLeader();
        return new TestShardClient(shard.config(), Files.createTempDirectory(Path.of("/dev/shm"), "flashsale-client"));
    }

    void defineSale(final TestShardClient client, final int stock, final int limit)
    {
        final long sale = correlationId();
        client.offer(CommandCodec.defineSale(client.buffer(), sale, SALE_ID, 0, SaleLimits.MAX_INSTANT, 60_000));
        assertEquals(ResultCode.OK, client.await(sale).code());
        final long sku = correlationId();
        client.offer(CommandCodec.addSku(client.buffer(), sku, SALE_ID, SKU_ID, 7, 999, stock, limit,
            SaleLimits.defaultMaxOrdersPerBuyer(limit)));
        assertEquals(ResultCode.OK, client.await(sku).code());
    }

    static void sendBuy(final TestShardClient client, final long correlationId, final long userId)
    {
        client.offer(CommandCodec.buy(client.buffer(), correlationId, userId, SKU_ID, 1, "req-" + userId));
    }

    /**
     * Answered by the leader after everything before it was committed and applied there; then wait until every
     * running member applied the log up to the leader's position.
     */
    void barrier(final TestShard shard, final TestShardClient client)
    {
        final long query = correlationId();
        client.offer(CommandCodec.querySku(client.buffer(), query, SKU_ID));
        assertEquals(ResultCode.OK, client.await(query).code());
        final int leader = shard.awaitLeader();
        shard.awaitApplied(shard.member(leader).service().appliedPosition());
    }

    static void assertMembersAgree(final EngineState[] states)
    {
        for (int m = 1; m < states.length; m++)
        {
            assertNull(StateDiff.firstDifference(states[0], states[m]), "member 0 vs member " + m);
        }
    }

    static void assertSound(final EngineState state)
    {
        assertTrue(Invariants.violations(state).isEmpty(), () -> Invariants.violations(state).toString());
        final OrderStore orders = state.orders();
        final Set<String> requests = new HashSet<>();
        final byte[] id = new byte[64];
        for (long o = 1; o <= orders.count(); o++)
        {
            final int length = state.requestIds().copy(orders.requestIdRef(o), id, 0);
            final String key = orders.user(o) + "/" + new String(id, 0, length, StandardCharsets.US_ASCII);
            assertTrue(requests.add(key), () -> "request " + key + " has two orders");
        }
        final int sku = state.catalog().skuIndex(SKU_ID);
        assertTrue(state.catalog().skuHeld(sku) + state.catalog().skuSold(sku) <= state.catalog().skuTotal(sku),
            "oversold");
    }

    static AuditReport assertAuditClean(final Path dataDirectory)
    {
        final AuditReport report = JournalAudit.run(dataDirectory);
        assertTrue(report.clean(), () -> dataDirectory + ": " + report.violations());
        return report;
    }
}
