package io.flashsale.engine.logic;

import io.flashsale.engine.command.Detail;
import io.flashsale.engine.command.EngineEvent;
import io.flashsale.engine.command.LabelKind;
import io.flashsale.engine.command.OrderState;
import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.command.SaleLimits;
import io.flashsale.engine.journal.RecordHandler;
import io.flashsale.engine.state.Catalog;
import io.flashsale.engine.state.EngineState;
import io.flashsale.engine.state.LongFifo;
import io.flashsale.engine.state.OrderStore;
import io.flashsale.engine.state.RequestIdIndex;

/**
 * The business rules: decides each command against the state, and for every accepted change emits one record first
 * to the journal and then to the state (the same call replay makes). Rejections change nothing and write nothing.
 * <p>
 * Time comes only from the command's timestamp; the processor never reads a clock. Decision time never goes backwards:
 * a command stamped earlier than a decision already made (a wall clock stepped back, a restart on a host whose clock
 * is behind the journal, two publishers racing) is decided, and its records are stamped, at the latest decision time,
 * so replay of the journal stays exact and expiry never stalls behind an old deadline.
 * <p>
 * Single-threaded, allocation-free on the buyer path.
 */
public final class CommandProcessor
{
    private final EngineState state;
    private final Catalog catalog;
    private final OrderStore orders;
    private final RecordHandler journal;
    private final long orderBudget;
    private long decisionTime;

    /**
     * A processor with no order budget but the order id space.
     *
     * @param state   the state to decide against and apply to.
     * @param journal where accepted changes are recorded before they are applied.
     */
    public CommandProcessor(final EngineState state, final RecordHandler journal)
    {
        this(state, journal, RequestIdIndex.MAX_ORDER_ID);
    }

    /**
     * @param state       the state to decide against and apply to (recovered: its last timestamp is the earliest
     *                    decision time).
     * @param journal     where accepted changes are recorded before they are applied.
     * @param orderBudget orders the state may hold; beyond it new orders are refused with CAPACITY_EXHAUSTED.
     */
    public CommandProcessor(final EngineState state, final RecordHandler journal, final long orderBudget)
    {
        this.state = state;
        this.catalog = state.catalog();
        this.orders = state.orders();
        this.journal = journal;
        this.orderBudget = Math.min(orderBudget, RequestIdIndex.MAX_ORDER_ID);
        this.decisionTime = state.lastTimestamp();
    }

    /**
     * Decide one command and write its result fields.
     *
     * @param e the command; its result fields are set on return, and its timestamp is the decision time.
     */
    public void process(final EngineEvent e)
    {
        decisionTime = Math.max(decisionTime, e.timestamp());
        e.timestamp(decisionTime);
        switch (e.type())
        {
            case BUY:
                buy(e);
                break;
            case PAY:
                pay(e);
                break;
            case CANCEL:
                cancel(e);
                break;
            case TICK:
                tick(e);
                break;
            case QUERY_ORDER:
                queryOrder(e);
                break;
            case QUERY_SKU:
                querySku(e);
                break;
            case DEFINE_SALE:
                defineSale(e);
                break;
            case ADD_SKU:
                addSku(e);
                break;
            case RESTOCK:
                restock(e);
                break;
            case LABEL:
                label(e);
                break;
            default:
                e.result(ResultCode.INVALID, Detail.NONE);
        }
    }

    private void buy(final EngineEvent e)
    {
        final long userId = e.userId();
        final int quantity = e.quantity();
        final int idLength = e.requestIdLength();
        final byte[] id = e.requestIdBuffer();
        if (!validRequestId(id, idLength))
        {
            e.result(ResultCode.INVALID, Detail.BAD_REQUEST_ID);
            return;
        }
        if (userId <= 0 || userId >= EngineState.MAX_USER_ID)
        {
            e.result(ResultCode.INVALID, Detail.BAD_USER);
            return;
        }
        final RequestIdIndex index = state.requestIndex();
        final long hash = index.hash(userId, id, idLength);
        final long existing = index.find(userId, id, idLength, hash);
        if (existing != RequestIdIndex.MISSING)
        {
            repeated(e, existing);
            return;
        }
        final int sku = catalog.skuIndex(e.skuId());
        if (sku == Catalog.MISSING)
        {
            e.result(ResultCode.UNKNOWN_SKU, Detail.NONE);
            return;
        }
        final int limit = catalog.skuLimit(sku);
        if (quantity <= 0 || quantity > limit)
        {
            e.result(ResultCode.INVALID, Detail.BAD_QUANTITY);
            return;
        }
        final int sale = catalog.skuSale(sku);
        final long now = e.timestamp();
        if (now < catalog.saleOpenAt(sale))
        {
            e.result(ResultCode.NOT_OPEN, Detail.NOT_STARTED);
            return;
        }
        if (now >= catalog.saleCloseAt(sale))
        {
            e.result(ResultCode.NOT_OPEN, Detail.ENDED);
            return;
        }
        if (state.units(userId, sku) + quantity > limit)
        {
            e.result(ResultCode.LIMIT_EXCEEDED, Detail.NONE);
            return;
        }
        if (state.orderCount(userId, sku) >= catalog.skuMaxOrders(sku))
        {
            e.result(ResultCode.ORDER_LIMIT_EXCEEDED, Detail.NONE);
            return;
        }
        final long available = catalog.skuAvailable(sku);
        if (available < quantity)
        {
            e.stock(available, catalog.skuHeld(sku), catalog.skuSold(sku), catalog.skuTotal(sku));
            e.result(ResultCode.SOLD_OUT, Detail.NONE);
            return;
        }
        final long orderId = orders.count() + 1;
        if (orderId > orderBudget)
        {
            e.result(ResultCode.CAPACITY_EXHAUSTED, Detail.CAPACITY);
            return;
        }
        final long price = catalog.skuPrice(sku);
        final long deadline = now + catalog.salePaymentWindow(sale);
        final long skuId = e.skuId();
        journal.onOrderReserved(now, orderId, userId, skuId, quantity, price, deadline, id, idLength);
        state.reserve(now, orderId, userId, skuId, quantity, deadline, id, idLength, hash);
        e.order(orderId, OrderState.RESERVED, userId, skuId, quantity, price, deadline);
        e.stock(catalog.skuAvailable(sku), catalog.skuHeld(sku), catalog.skuSold(sku), catalog.skuTotal(sku));
        e.result(ResultCode.RESERVED, Detail.NONE);
    }

    /**
     * A buyer repeated a request id: the first order if the repeat asks for the same thing, else a conflict that says
     * nothing about the first order.
     */
    private void repeated(final EngineEvent e, final long orderId)
    {
        if (catalog.skuId(orders.sku(orderId)) != e.skuId() || orders.quantity(orderId) != e.quantity())
        {
            e.result(ResultCode.IDEMPOTENCY_CONFLICT, Detail.NONE);
            return;
        }
        describeOrder(e, orderId);
        e.result(ResultCode.DUPLICATE, Detail.NONE);
    }

    private static boolean validRequestId(final byte[] id, final int length)
    {
        if (length < 1 || length > EngineEvent.MAX_REQUEST_ID_LENGTH)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            final byte b = id[i];
            if (b < 0x21 || b > 0x7E)
            {
                return false;
            }
        }
        return true;
    }

    private void pay(final EngineEvent e)
    {
        final long orderId = e.orderId();
        if (!checkOwnedReserved(e, orderId, OrderState.PAID, ResultCode.PAID))
        {
            return;
        }
        final long now = e.timestamp();
        if (now > orders.deadline(orderId))
        {
            expire(now, orderId);
            describeOrder(e, orderId);
            e.result(ResultCode.INVALID_STATE, Detail.NONE);
            return;
        }
        journal.onOrderPaid(now, orderId);
        state.onOrderPaid(now, orderId);
        describeOrder(e, orderId);
        e.result(ResultCode.PAID, Detail.NONE);
    }

    private void cancel(final EngineEvent e)
    {
        final long orderId = e.orderId();
        if (!checkOwnedReserved(e, orderId, OrderState.CANCELLED, ResultCode.CANCELLED))
        {
            return;
        }
        final long now = e.timestamp();
        journal.onOrderCancelled(now, orderId);
        state.onOrderCancelled(now, orderId);
        describeOrder(e, orderId);
        e.result(ResultCode.CANCELLED, Detail.NONE);
    }

    /**
     * Whether the order exists, belongs to the caller and is RESERVED; else the result is set. An order already in
     * the state the command would move it to answers as the command did the first time, so a pay or cancel resent
     * after a lost answer (a timeout, a node restart) is safe: no second change, the same answer.
     */
    private boolean checkOwnedReserved(
        final EngineEvent e, final long orderId, final OrderState target, final ResultCode done)
    {
        if (!orders.exists(orderId))
        {
            e.result(ResultCode.UNKNOWN_ORDER, Detail.NONE);
            return false;
        }
        if (orders.user(orderId) != e.userId())
        {
            e.result(ResultCode.NOT_OWNER, Detail.NONE);
            return false;
        }
        final byte current = orders.state(orderId);
        if (current != OrderState.RESERVED.code())
        {
            describeOrder(e, orderId);
            e.result(current == target.code() ? done : ResultCode.INVALID_STATE, Detail.NONE);
            return false;
        }
        return true;
    }

    private void tick(final EngineEvent e)
    {
        final long now = e.timestamp();
        long expired = 0;
        for (int s = 0, sales = catalog.saleCount(); s < sales; s++)
        {
            final LongFifo queue = state.expiryQueue(s);
            while (!queue.isEmpty())
            {
                final long orderId = queue.peek();
                if (orders.deadline(orderId) > now)
                {
                    break;
                }
                queue.poll();
                if (orders.state(orderId) == OrderState.RESERVED.code())
                {
                    expire(now, orderId);
                    expired++;
                }
            }
        }
        e.count(expired);
        e.result(ResultCode.TICKED, Detail.NONE);
    }

    private void expire(final long now, final long orderId)
    {
        journal.onOrderExpired(now, orderId);
        state.onOrderExpired(now, orderId);
    }

    private void queryOrder(final EngineEvent e)
    {
        final long orderId = e.orderId();
        if (!orders.exists(orderId))
        {
            e.result(ResultCode.UNKNOWN_ORDER, Detail.NONE);
            return;
        }
        describeOrder(e, orderId);
        e.result(ResultCode.OK, Detail.NONE);
    }

    private void describeOrder(final EngineEvent e, final long orderId)
    {
        final int sku = orders.sku(orderId);
        e.order(
            orderId,
            OrderState.of(orders.state(orderId)),
            orders.user(orderId),
            catalog.skuId(sku),
            orders.quantity(orderId),
            catalog.skuPrice(sku),
            orders.deadline(orderId));
    }

    private void querySku(final EngineEvent e)
    {
        final int sku = catalog.skuIndex(e.skuId());
        if (sku == Catalog.MISSING)
        {
            e.result(ResultCode.UNKNOWN_SKU, Detail.NONE);
            return;
        }
        final int sale = catalog.skuSale(sku);
        e.saleId(catalog.saleId(sale));
        e.storeId(catalog.skuStore(sku));
        e.price(catalog.skuPrice(sku));
        e.limit(catalog.skuLimit(sku));
        e.window(catalog.saleOpenAt(sale), catalog.saleCloseAt(sale), catalog.salePaymentWindow(sale));
        e.stock(catalog.skuAvailable(sku), catalog.skuHeld(sku), catalog.skuSold(sku), catalog.skuTotal(sku));
        e.result(ResultCode.OK, Detail.NONE);
    }

    private void defineSale(final EngineEvent e)
    {
        final long saleId = e.saleId();
        final long openAt = e.openAt();
        final long closeAt = e.closeAt();
        final long window = e.paymentWindowMillis();
        final int detail = !SaleLimits.validId(saleId) ? Detail.BAD_ID :
            !SaleLimits.validWindow(openAt, closeAt) ? Detail.BAD_WINDOW :
            !SaleLimits.validPaymentWindow(window) ? Detail.BAD_PAYMENT_WINDOW : Detail.NONE;
        if (detail != Detail.NONE)
        {
            e.result(ResultCode.INVALID, detail);
            return;
        }
        final int existing = catalog.saleIndex(saleId);
        if (existing != Catalog.MISSING)
        {
            final boolean same = catalog.saleOpenAt(existing) == openAt &&
                catalog.saleCloseAt(existing) == closeAt && catalog.salePaymentWindow(existing) == window;
            e.result(same ? ResultCode.OK : ResultCode.CONFLICT, Detail.NONE);
            return;
        }
        journal.onSaleDefined(e.timestamp(), saleId, openAt, closeAt, window);
        state.onSaleDefined(e.timestamp(), saleId, openAt, closeAt, window);
        e.result(ResultCode.OK, Detail.NONE);
    }

    private void addSku(final EngineEvent e)
    {
        final long skuId = e.skuId();
        final int sale = catalog.saleIndex(e.saleId());
        if (sale == Catalog.MISSING)
        {
            e.result(ResultCode.UNKNOWN_SALE, Detail.NONE);
            return;
        }
        final int detail = skuDetail(e);
        if (detail != Detail.NONE)
        {
            e.result(ResultCode.INVALID, detail);
            return;
        }
        final int existing = catalog.skuIndex(skuId);
        if (existing != Catalog.MISSING)
        {
            final boolean same = catalog.skuSale(existing) == sale && catalog.skuStore(existing) == e.storeId() &&
                catalog.skuPrice(existing) == e.price() && catalog.skuLimit(existing) == e.limit() &&
                catalog.skuInitial(existing) == e.quantity() && catalog.skuMaxOrders(existing) == e.maxOrders();
            e.result(same ? ResultCode.OK : ResultCode.CONFLICT, Detail.NONE);
            return;
        }
        if (!catalog.hasRoomForSku())
        {
            e.result(ResultCode.INVALID, Detail.CAPACITY);
            return;
        }
        final long now = e.timestamp();
        journal.onSkuAdded(now, skuId, e.saleId(), e.storeId(), e.price(), e.quantity(), e.limit(), e.maxOrders());
        state.onSkuAdded(now, skuId, e.saleId(), e.storeId(), e.price(), e.quantity(), e.limit(), e.maxOrders());
        e.result(ResultCode.OK, Detail.NONE);
    }

    private static int skuDetail(final EngineEvent e)
    {
        final int limit = e.limit();
        if (!SaleLimits.validId(e.skuId()))
        {
            return Detail.BAD_SKU;
        }
        if (!SaleLimits.validId(e.storeId()))
        {
            return Detail.BAD_STORE;
        }
        if (limit < 1 || limit > SaleLimits.MAX_LIMIT)
        {
            return Detail.BAD_LIMIT;
        }
        if (e.quantity() < 0 || e.quantity() > SaleLimits.MAX_STOCK)
        {
            return Detail.BAD_STOCK;
        }
        if (!SaleLimits.validPrice(e.price(), limit))
        {
            return Detail.BAD_PRICE;
        }
        if (e.maxOrders() < 1 || e.maxOrders() > SaleLimits.MAX_ORDERS_PER_BUYER)
        {
            return Detail.BAD_MAX_ORDERS;
        }
        return Detail.NONE;
    }

    private void restock(final EngineEvent e)
    {
        final int sku = catalog.skuIndex(e.skuId());
        if (sku == Catalog.MISSING)
        {
            e.result(ResultCode.UNKNOWN_SKU, Detail.NONE);
            return;
        }
        final int quantity = e.quantity();
        if (quantity <= 0 || catalog.skuTotal(sku) + quantity > SaleLimits.MAX_STOCK)
        {
            e.result(ResultCode.INVALID, Detail.BAD_QUANTITY);
            return;
        }
        journal.onRestocked(e.timestamp(), e.skuId(), quantity);
        state.onRestocked(e.timestamp(), e.skuId(), quantity);
        e.stock(catalog.skuAvailable(sku), catalog.skuHeld(sku), catalog.skuSold(sku), catalog.skuTotal(sku));
        e.result(ResultCode.OK, Detail.NONE);
    }

    private void label(final EngineEvent e)
    {
        final int kind = e.labelKind();
        final long id = e.labelId();
        final int length = e.nameLength();
        final byte[] name = e.nameBuffer();
        if (!LabelKind.valid(kind) || length < 1 || length > LabelKind.MAX_NAME_BYTES)
        {
            e.result(ResultCode.INVALID, Detail.BAD_NAME);
            return;
        }
        if (!SaleLimits.validId(id))
        {
            e.result(ResultCode.INVALID, Detail.BAD_ID);
            return;
        }
        if (!state.labels().matches(kind, id, name, length))
        {
            journal.onLabelled(e.timestamp(), kind, id, name, length);
            state.onLabelled(e.timestamp(), kind, id, name, length);
        }
        e.result(ResultCode.OK, Detail.NONE);
    }
}
