package io.flashsale.engine.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flashsale.engine.command.CommandType;
import io.flashsale.engine.command.Detail;
import io.flashsale.engine.command.EngineEvent;
import io.flashsale.engine.command.OrderState;
import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.command.SaleLimits;
import io.flashsale.engine.state.EngineState;
import io.flashsale.engine.state.Invariants;
import io.flashsale.engine.support.NoJournal;
import io.flashsale.engine.support.TestCommands;

class CommandProcessorTest
{
    private static final long OPEN = 1_000_000L;
    private static final long CLOSE = OPEN + 86_400_000L;
    private static final long WINDOW = 15 * 60_000L;
    private static final long SALE = 1111;
    private static final long MASERATI = 1;
    private static final long RAZOR = 2;

    private final EngineState state = new EngineState(16, 1024);
    private final NoJournal journal = new NoJournal();
    private final CommandProcessor processor = new CommandProcessor(state, journal);
    private final TestCommands commands = new TestCommands();

    @BeforeEach
    void defineSale()
    {
        run(commands.defineSale(0, SALE, OPEN, CLOSE, WINDOW), ResultCode.OK);
        run(commands.addSku(0, SALE, MASERATI, 48_600_000_00L, 3, 1), ResultCode.OK);
        run(commands.addSku(0, SALE, RAZOR, 29_900, 1000, 5), ResultCode.OK);
    }

    private EngineEvent run(final EngineEvent e, final ResultCode expected)
    {
        processor.process(e);
        assertEquals(expected, e.result(), () -> e.type() + " detail " + Detail.text(e.detail()));
        assertTrue(Invariants.violations(state).isEmpty(), () -> Invariants.violations(state).toString());
        return e;
    }

    private long buy(final long user, final long sku, final int qty, final String id)
    {
        return run(commands.buy(OPEN + 10, user, sku, qty, id), ResultCode.RESERVED).orderId();
    }

    @Test
    void shouldReserveStockAndSetDeadline()
    {
        final EngineEvent e = run(commands.buy(OPEN + 10, 42, MASERATI, 1, "r-1"), ResultCode.RESERVED);
        assertEquals(1, e.orderId());
        assertEquals(OrderState.RESERVED, e.orderState());
        assertEquals(OPEN + 10 + WINDOW, e.deadline());
        assertEquals(2, e.available());
        assertEquals(1, e.held());
        assertEquals(48_600_000_00L, e.price());
    }

    @Test
    void shouldSellOutAndNeverOversell()
    {
        for (int u = 1; u <= 3; u++)
        {
            buy(u, MASERATI, 1, "m-" + u);
        }
        final EngineEvent e = run(commands.buy(OPEN + 10, 4, MASERATI, 1, "m-4"), ResultCode.SOLD_OUT);
        assertEquals(0, e.available());
        assertEquals(3, state.catalog().skuHeld(state.catalog().skuIndex(MASERATI)));
    }

    @Test
    void shouldRefuseQuantityAboveRemainingStockAsSoldOut()
    {
        run(commands.restock(0, MASERATI, 0), ResultCode.INVALID);
        buy(1, RAZOR, 5, "a");
        for (int u = 2; u <= 200; u++)
        {
            buy(u, RAZOR, 5, "u" + u);
        }
        run(commands.buy(OPEN + 10, 999, RAZOR, 1, "last"), ResultCode.SOLD_OUT);
    }

    @Test
    void shouldEnforcePerUserLimitAcrossOrders()
    {
        buy(7, RAZOR, 3, "a");
        run(commands.buy(OPEN + 10, 7, RAZOR, 3, "b"), ResultCode.LIMIT_EXCEEDED);
        buy(7, RAZOR, 2, "c");
        run(commands.buy(OPEN + 10, 7, RAZOR, 1, "d"), ResultCode.LIMIT_EXCEEDED);
        buy(8, RAZOR, 5, "e");
    }

    @Test
    void shouldGiveUnitsBackToTheLimitWhenCancelled()
    {
        final long order = buy(7, MASERATI, 1, "a");
        run(commands.buy(OPEN + 10, 7, MASERATI, 1, "b"), ResultCode.LIMIT_EXCEEDED);
        run(commands.order(CommandType.CANCEL, OPEN + 20, order, 7), ResultCode.CANCELLED);
        buy(7, MASERATI, 1, "c");
    }

    @Test
    void shouldRejectSecondBuyWithSameRequestId()
    {
        final long first = buy(5, RAZOR, 1, "same-id");
        final EngineEvent again = run(commands.buy(OPEN + 30, 5, RAZOR, 1, "same-id"), ResultCode.DUPLICATE);
        assertEquals(first, again.orderId());
        assertEquals(OrderState.RESERVED, again.orderState());
        assertEquals(1, state.orders().count());
    }

    @Test
    void shouldAnswerAResentCancelAsTheFirstAndRefuseToPayACancelledOrder()
    {
        final long order = buy(5, RAZOR, 1, "c-twice");
        run(commands.order(CommandType.CANCEL, OPEN + 20, order, 5), ResultCode.CANCELLED);
        final long records = journal.records();
        assertEquals(OrderState.CANCELLED,
            run(commands.order(CommandType.CANCEL, OPEN + 21, order, 5), ResultCode.CANCELLED).orderState());
        assertEquals(records, journal.records());
        run(commands.order(CommandType.PAY, OPEN + 22, order, 5), ResultCode.INVALID_STATE);
        assertEquals(0, state.catalog().skuHeld(state.catalog().skuIndex(RAZOR)));
    }

    @Test
    void shouldScopeRequestIdsToTheBuyer()
    {
        final long first = buy(7, RAZOR, 1, "r-1");
        final EngineEvent other = run(commands.buy(OPEN + 30, 8, RAZOR, 1, "r-1"), ResultCode.RESERVED);
        assertTrue(other.orderId() != first, "another buyer's request is independent");
        assertEquals(8, other.userId());
        run(commands.buy(OPEN + 30, 8, MASERATI, 1, "r-1"), ResultCode.IDEMPOTENCY_CONFLICT);
        assertEquals(2, state.orders().count());
    }

    @Test
    void shouldAnswerConflictWithoutDisclosureWhenTheBuyerReusesAnIdForAnotherThing()
    {
        final long first = buy(7, RAZOR, 2, "r-1");
        for (final long[] skuAndQty : new long[][] {{MASERATI, 1}, {RAZOR, 1}, {RAZOR, 3}})
        {
            final long records = journal.records();
            final EngineEvent e = run(commands.buy(OPEN + 30, 7, skuAndQty[0], (int)skuAndQty[1], "r-1"),
                ResultCode.IDEMPOTENCY_CONFLICT);
            assertEquals(0, e.orderId(), "nothing about the first order is disclosed");
            assertEquals(0, e.deadline());
            assertEquals(records, journal.records(), "nothing journaled");
        }
        assertEquals(1, state.orders().count());
        assertEquals(first, run(commands.buy(OPEN + 40, 7, RAZOR, 2, "r-1"), ResultCode.DUPLICATE).orderId());
    }

    @Test
    void shouldCapOrdersPerBuyerAndSkuInAnyState()
    {
        final int cap = SaleLimits.defaultMaxOrdersPerBuyer(1);
        for (int i = 0; i < cap; i++)
        {
            final long order = buy(7, MASERATI, 1, "cycle-" + i);
            run(commands.order(CommandType.CANCEL, OPEN + 20, order, 7), ResultCode.CANCELLED);
        }
        run(commands.buy(OPEN + 30, 7, MASERATI, 1, "one-more"), ResultCode.ORDER_LIMIT_EXCEEDED);
        buy(7, RAZOR, 1, "other-sku");
        buy(8, MASERATI, 1, "other-buyer");
        assertEquals(cap + 2, state.orders().count());
    }

    @Test
    void shouldRefuseNewOrdersBeyondTheStateBudgetButKeepPayCancelAndQueries()
    {
        final CommandProcessor small = new CommandProcessor(state, journal, 2);
        small.process(commands.buy(OPEN + 10, 1, RAZOR, 1, "a"));
        final EngineEvent second = commands.buy(OPEN + 10, 2, RAZOR, 1, "b");
        small.process(second);
        assertEquals(ResultCode.RESERVED, second.result());
        final EngineEvent third = commands.buy(OPEN + 10, 3, RAZOR, 1, "c");
        small.process(third);
        assertEquals(ResultCode.CAPACITY_EXHAUSTED, third.result());
        final EngineEvent pay = commands.order(CommandType.PAY, OPEN + 20, 1, 1);
        small.process(pay);
        assertEquals(ResultCode.PAID, pay.result());
        final EngineEvent cancel = commands.order(CommandType.CANCEL, OPEN + 20, 2, 2);
        small.process(cancel);
        assertEquals(ResultCode.CANCELLED, cancel.result());
        final EngineEvent query = commands.order(CommandType.QUERY_ORDER, OPEN + 20, 1, 1);
        small.process(query);
        assertEquals(ResultCode.OK, query.result());
        assertEquals(2, state.orders().count());
    }

    @Test
    void shouldNeverDecideAtAnEarlierTimeThanADecisionBefore()
    {
        final long later = OPEN + 2 * WINDOW;
        final long order = buy(7, RAZOR, 1, "before-step");
        final EngineEvent tick = run(commands.tick(later), ResultCode.TICKED);
        assertEquals(1, tick.count(), "expired at its deadline");
        final long stepBack = later - 10 * 60_000;
        final EngineEvent after = run(commands.buy(stepBack, 8, RAZOR, 1, "after-step"), ResultCode.RESERVED);
        assertEquals(later + WINDOW, after.deadline(), "decided at the latest decision time, not the stamp");
        assertEquals(later, after.timestamp());
        assertEquals(OrderState.EXPIRED.code(), state.orders().state(order));
        assertEquals(later, state.lastTimestamp());
    }

    @Test
    void shouldAnswerDuplicateWithCurrentStateAfterPayment()
    {
        final long first = buy(5, RAZOR, 1, "pay-then-retry");
        run(commands.order(CommandType.PAY, OPEN + 40, first, 5), ResultCode.PAID);
        final EngineEvent again = run(commands.buy(OPEN + 50, 5, RAZOR, 1, "pay-then-retry"), ResultCode.DUPLICATE);
        assertEquals(OrderState.PAID, again.orderState());
    }

    @Test
    void shouldRefuseOutsideSaleWindow()
    {
        final EngineEvent early = run(commands.buy(OPEN - 1, 5, RAZOR, 1, "early"), ResultCode.NOT_OPEN);
        assertEquals(Detail.NOT_STARTED, early.detail());
        run(commands.buy(OPEN, 5, RAZOR, 1, "on-time"), ResultCode.RESERVED);
        final EngineEvent late = run(commands.buy(CLOSE, 5, RAZOR, 1, "late"), ResultCode.NOT_OPEN);
        assertEquals(Detail.ENDED, late.detail());
        assertEquals(0, journal.records() - 4);
    }

    @Test
    void shouldRejectMalformedBuys()
    {
        assertEquals(Detail.BAD_QUANTITY, run(commands.buy(OPEN + 1, 5, RAZOR, 0, "q0"), ResultCode.INVALID).detail());
        run(commands.buy(OPEN + 1, 5, RAZOR, -3, "qneg"), ResultCode.INVALID);
        run(commands.buy(OPEN + 1, 5, RAZOR, 6, "qbig"), ResultCode.INVALID);
        run(commands.buy(OPEN + 1, 5, RAZOR, Integer.MAX_VALUE, "qmax"), ResultCode.INVALID);
        assertEquals(Detail.BAD_USER, run(commands.buy(OPEN + 1, 0, RAZOR, 1, "u0"), ResultCode.INVALID).detail());
        run(commands.buy(OPEN + 1, -1, RAZOR, 1, "uneg"), ResultCode.INVALID);
        run(commands.buy(OPEN + 1, 1L << 40, RAZOR, 1, "uhuge"), ResultCode.INVALID);
        assertEquals(Detail.BAD_REQUEST_ID, run(commands.buy(OPEN + 1, 5, RAZOR, 1, ""), ResultCode.INVALID).detail());
        run(commands.buy(OPEN + 1, 5, RAZOR, 1, "x".repeat(65)), ResultCode.INVALID);
        run(commands.buy(OPEN + 1, 5, RAZOR, 1, "has space"), ResultCode.INVALID);
        run(commands.buy(OPEN + 1, 5, RAZOR, 1, "caf\u00e9"), ResultCode.INVALID);
        run(commands.buy(OPEN + 1, 5, 999, 1, "nosku"), ResultCode.UNKNOWN_SKU);
        run(commands.buy(OPEN + 1, 5, RAZOR, 1, "x".repeat(64)), ResultCode.RESERVED);
        assertEquals(1, state.orders().count());
    }

    @Test
    void shouldPayOnlyOwnReservedOrderBeforeDeadline()
    {
        final long order = buy(5, RAZOR, 2, "p");
        run(commands.order(CommandType.PAY, OPEN + 20, order, 6), ResultCode.NOT_OWNER);
        run(commands.order(CommandType.PAY, OPEN + 20, 99, 5), ResultCode.UNKNOWN_ORDER);
        final EngineEvent paid = run(commands.order(CommandType.PAY, OPEN + 20, order, 5), ResultCode.PAID);
        assertEquals(OrderState.PAID, paid.orderState());
        final long records = journal.records();
        final EngineEvent again = run(commands.order(CommandType.PAY, OPEN + 21, order, 5), ResultCode.PAID);
        assertEquals(OrderState.PAID, again.orderState(), "a resent pay answers as the first did");
        assertEquals(records, journal.records(), "and changes nothing");
        run(commands.order(CommandType.PAY, OPEN + 21, order, 6), ResultCode.NOT_OWNER);
        run(commands.order(CommandType.CANCEL, OPEN + 22, order, 5), ResultCode.INVALID_STATE);
        final int sku = state.catalog().skuIndex(RAZOR);
        assertEquals(2, state.catalog().skuSold(sku));
        assertEquals(0, state.catalog().skuHeld(sku));
    }

    @Test
    void shouldExpireUnpaidOrdersOnTickAndSellTheUnitsAgain()
    {
        for (int u = 1; u <= 3; u++)
        {
            buy(u, MASERATI, 1, "m" + u);
        }
        run(commands.buy(OPEN + 10, 4, MASERATI, 1, "m4"), ResultCode.SOLD_OUT);
        run(commands.order(CommandType.PAY, OPEN + 11, 2, 2), ResultCode.PAID);
        assertEquals(0, run(commands.tick(OPEN + 10 + WINDOW - 1), ResultCode.TICKED).count());
        assertEquals(2, run(commands.tick(OPEN + 10 + WINDOW), ResultCode.TICKED).count());
        assertEquals(OrderState.EXPIRED, run(commands.order(CommandType.QUERY_ORDER, OPEN, 1, 0), ResultCode.OK)
            .orderState());
        final EngineEvent stock = run(commands.querySku(OPEN, MASERATI), ResultCode.OK);
        assertEquals(2, stock.available());
        assertEquals(1, stock.sold());
        run(commands.buy(OPEN + 10 + WINDOW + 1, 4, MASERATI, 1, "m4-again"), ResultCode.RESERVED);
        run(commands.buy(OPEN + 10 + WINDOW + 1, 1, MASERATI, 1, "m1-again"), ResultCode.RESERVED);
        run(commands.buy(OPEN + 10 + WINDOW + 1, 5, MASERATI, 1, "m5"), ResultCode.SOLD_OUT);
    }

    @Test
    void shouldExpireInsteadOfPayingAfterDeadline()
    {
        final long order = buy(5, MASERATI, 1, "late-pay");
        final EngineEvent e = run(commands.order(CommandType.PAY, OPEN + 10 + WINDOW + 1, order, 5),
            ResultCode.INVALID_STATE);
        assertEquals(OrderState.EXPIRED, e.orderState());
        assertEquals(0, run(commands.tick(OPEN + 10 + 2 * WINDOW), ResultCode.TICKED).count());
        assertEquals(3, run(commands.querySku(OPEN, MASERATI), ResultCode.OK).available());
    }

    @Test
    void shouldRestockAndValidateAdminCommands()
    {
        run(commands.restock(0, MASERATI, 2), ResultCode.OK);
        assertEquals(5, run(commands.querySku(0, MASERATI), ResultCode.OK).total());
        run(commands.restock(0, MASERATI, -1), ResultCode.INVALID);
        run(commands.restock(0, MASERATI, Integer.MAX_VALUE), ResultCode.INVALID);
        run(commands.restock(0, 404, 1), ResultCode.UNKNOWN_SKU);
        run(commands.defineSale(0, SALE, OPEN, CLOSE, WINDOW), ResultCode.OK);
        run(commands.defineSale(0, SALE, OPEN, CLOSE + 1, WINDOW), ResultCode.CONFLICT);
        run(commands.defineSale(0, 2, CLOSE, OPEN, WINDOW), ResultCode.INVALID);
        run(commands.defineSale(0, 2, OPEN, CLOSE, 0), ResultCode.INVALID);
        run(commands.addSku(0, 404, 9, 1, 1, 1), ResultCode.UNKNOWN_SALE);
        run(commands.addSku(0, SALE, 9, -1, 1, 1), ResultCode.INVALID);
        run(commands.addSku(0, SALE, 9, 1, 1, 0), ResultCode.INVALID);
        run(commands.addSku(0, SALE, MASERATI, 48_600_000_00L, 3, 1), ResultCode.OK);
        run(commands.addSku(0, SALE, MASERATI, 1, 3, 1), ResultCode.CONFLICT);
        assertEquals(2, state.catalog().skuCount());
    }
}
