package io.flashsale.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.flashsale.cluster.support.JournalLines;
import io.flashsale.cluster.support.TestShard;
import io.flashsale.cluster.support.TestShardClient;
import io.flashsale.engine.audit.AuditReport;
import io.flashsale.engine.command.CommandType;
import io.flashsale.engine.command.OrderState;
import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.command.SaleLimits;
import io.flashsale.engine.state.EngineState;

class ShardExpiryTest extends AbstractShardTest
{
    private static final long TICK_MILLIS = 100;
    private static final int STOCK = 5;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldExpireAnUnpaidOrderFromClusterTimeOnEveryMember() throws Exception
    {
        try (TestShard shard = new TestShard(TICK_MILLIS))
        {
            final long orderId;
            try (TestShardClient client = connect(shard))
            {
                final long sale = correlationId();
                client.offer(CommandCodec.defineSale(client.buffer(), sale, SALE_ID, 0, SaleLimits.MAX_INSTANT,
                    SaleLimits.MIN_PAYMENT_WINDOW_MILLIS));
                assertEquals(ResultCode.OK, client.await(sale).code());
                final long sku = correlationId();
                client.offer(CommandCodec.addSku(client.buffer(), sku, SALE_ID, SKU_ID, 7, 999, STOCK, 2,
                    SaleLimits.defaultMaxOrdersPerBuyer(2)));
                assertEquals(ResultCode.OK, client.await(sku).code());

                final long buy = correlationId();
                sendBuy(client, buy, 42);
                assertEquals(ResultCode.RESERVED, client.await(buy).code());
                orderId = client.await(buy).orderId();

                OrderState state = OrderState.RESERVED;
                while (state == OrderState.RESERVED)
                {
                    final long query = correlationId();
                    client.offer(CommandCodec.order(client.buffer(), CommandType.QUERY_ORDER, query, orderId, 42));
                    state = client.await(query).orderState();
                }
                assertEquals(OrderState.EXPIRED, state);
                barrier(shard, client);
            }
            for (int m = 0; m < TestShard.MEMBERS; m++)
            {
                final EngineState state = shard.member(m).service().state();
                shard.stop(m);
                assertEquals(OrderState.EXPIRED.code(), state.orders().state(orderId), "member " + m);
                assertEquals(STOCK, state.catalog().skuAvailable(state.catalog().skuIndex(SKU_ID)));
                final AuditReport report = assertAuditClean(shard.dataDirectory(m));
                assertEquals(4, report.records(), "sale, SKU, reservation, expiry");
            }
            for (int m = 1; m < TestShard.MEMBERS; m++)
            {
                assertEquals(JournalLines.of(shard.dataDirectory(0)), JournalLines.of(shard.dataDirectory(m)),
                    "the expiry carries the same cluster timestamp on every member");
            }
        }
    }
}
