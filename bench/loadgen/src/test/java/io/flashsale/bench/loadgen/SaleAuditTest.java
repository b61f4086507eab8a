package io.flashsale.bench.loadgen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flashsale.client.SkuState;

class SaleAuditTest
{
    private static final SkuTable TABLE = new SkuTable(List.of(
        new SkuState(1, 1, 1, 5, 0, 0, 5),
        new SkuState(2, 1, 2, 100, 0, 0, 100)));

    private static Map<Long, SkuState> before()
    {
        return Map.of(1L, new SkuState(1, 1, 1, 5, 0, 0, 5), 2L, new SkuState(2, 1, 2, 100, 0, 0, 100));
    }

    private static OrderLedger ledger()
    {
        final OrderLedger l = new OrderLedger();
        l.state(l.add(10, 0, 100, 1, 1), OrderLedger.PAID);
        l.add(11, 0, 101, 1, 2);
        l.state(l.add(12, 0, 102, 1, 3), OrderLedger.CANCELLED);
        l.state(l.add(13, 1, 100, 2, 4), OrderLedger.EXPIRED);
        l.add(14, 1, 103, 2, 5);
        return l;
    }

    private static SaleAudit.Result audit(final Map<Long, SkuState> after, final OrderLedger l, final long[] unknown,
        final long violations)
    {
        return SaleAudit.audit(TABLE, before(), after, List.of(l), unknown, 3, violations, List.of());
    }

    @Test
    void shouldPassWhenHeldAndSoldMatchTheAcknowledgedOrders()
    {
        final Map<Long, SkuState> after = Map.of(1L, new SkuState(1, 1, 1, 3, 1, 1, 5),
            2L, new SkuState(2, 1, 2, 98, 2, 0, 100));
        final SaleAudit.Result r = audit(after, ledger(), new long[2], 0);
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void shouldFailWhenTheServerHoldsUnitsNoBuyerWasToldAbout()
    {
        final Map<Long, SkuState> after = Map.of(1L, new SkuState(1, 1, 1, 2, 2, 1, 5),
            2L, new SkuState(2, 1, 2, 98, 2, 0, 100));
        assertFalse(audit(after, ledger(), new long[2], 0).passed());
    }

    @Test
    void shouldAcceptUnansweredBuysOnlyWithinTheirUnits()
    {
        final Map<Long, SkuState> after = Map.of(1L, new SkuState(1, 1, 1, 2, 2, 1, 5),
            2L, new SkuState(2, 1, 2, 98, 2, 0, 100));
        assertTrue(audit(after, ledger(), new long[]{1, 0}, 0).passed());
        final Map<Long, SkuState> more = Map.of(1L, new SkuState(1, 1, 1, 1, 3, 1, 5),
            2L, new SkuState(2, 1, 2, 98, 2, 0, 100));
        assertFalse(audit(more, ledger(), new long[]{1, 0}, 0).passed());
    }

    @Test
    void shouldFailOnOversellEvenIfTheBooksBalance()
    {
        final Map<Long, SkuState> after = Map.of(1L, new SkuState(1, 1, 1, 0, 1, 1, 5),
            2L, new SkuState(2, 1, 2, 98, 2, 0, 100));
        assertFalse(audit(after, ledger(), new long[2], 0).passed());
    }

    @Test
    void shouldFailOnDuplicateViolationsTwoOrdersForOneRequestOrAUserOverTheLimit()
    {
        final Map<Long, SkuState> after = Map.of(1L, new SkuState(1, 1, 1, 3, 1, 1, 5),
            2L, new SkuState(2, 1, 2, 98, 2, 0, 100));
        assertFalse(audit(after, ledger(), new long[2], 1).passed());

        final OrderLedger twice = ledger();
        twice.add(15, 1, 104, 1, 5);
        final Map<Long, SkuState> afterTwice = Map.of(1L, new SkuState(1, 1, 1, 3, 1, 1, 5),
            2L, new SkuState(2, 1, 2, 97, 3, 0, 100));
        final SaleAudit.Result r = audit(afterTwice, twice, new long[2], 0);
        assertFalse(r.passed());
        assertFalse(r.checks().get(2).passed(), r.checks().get(2).toString());

        final OrderLedger greedy = ledger();
        greedy.add(16, 0, 100, 1, 6);
        final Map<Long, SkuState> afterGreedy = Map.of(1L, new SkuState(1, 1, 1, 2, 2, 1, 5),
            2L, new SkuState(2, 1, 2, 98, 2, 0, 100));
        final SaleAudit.Result g = audit(afterGreedy, greedy, new long[2], 0);
        assertTrue(g.checks().get(0).passed());
        assertFalse(g.checks().get(3).passed(), g.checks().get(3).toString());
    }
}
