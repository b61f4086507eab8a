package io.flashsale.engine.state;

import io.flashsale.engine.command.OrderState;

/**
 * Every order ever made, in paged primitive arrays indexed by order id (ids are dense: 1, 2, 3, ...).
 * Pages are allocated as the sale grows, so no multi-hundred-megabyte array is ever copied on the hot path; a page
 * (32 Ki entries, about 256 KiB) stays below G1's humongous-object threshold for heaps of 1 GiB and more.
 * <p>
 * Owned by the business thread.
 */
public final class OrderStore
{
    private static final int PAGE_SHIFT = 15;
    private static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    private static final int PAGE_MASK = PAGE_SIZE - 1;

    private long[][] user = new long[16][];
    private int[][] sku = new int[16][];
    private int[][] quantity = new int[16][];
    private byte[][] state = new byte[16][];
    private long[][] deadline = new long[16][];
    private long[][] requestIdRef = new long[16][];
    private int pages;
    private long count;

    /**
     * @return number of orders stored (the highest order id).
     */
    public long count()
    {
        return count;
    }

    /**
     * @param orderId an id.
     * @return true if such an order exists.
     */
    public boolean exists(final long orderId)
    {
        return orderId >= 1 && orderId <= count;
    }

    /**
     * Append an order; its id must be {@code count() + 1}.
     *
     * @param orderId      the new id.
     * @param userId       buyer.
     * @param skuIndex     SKU index.
     * @param qty          units.
     * @param due          payment deadline, epoch ms.
     * @param requestRef   reference of the request id in the arena.
     */
    public void append(
        final long orderId,
        final long userId,
        final int skuIndex,
        final int qty,
        final long due,
        final long requestRef)
    {
        if (orderId != count + 1)
        {
            throw new IllegalStateException("order id " + orderId + " out of sequence, expected " + (count + 1));
        }
        final long slot = orderId - 1;
        final int page = (int)(slot >>> PAGE_SHIFT);
        if (page == pages)
        {
            addPage();
        }
        final int i = (int)(slot & PAGE_MASK);
        user[page][i] = userId;
        sku[page][i] = skuIndex;
        quantity[page][i] = qty;
        state[page][i] = OrderState.RESERVED.code();
        deadline[page][i] = due;
        requestIdRef[page][i] = requestRef;
        count = orderId;
    }

    private void addPage()
    {
        if (pages == user.length)
        {
            final int n = pages * 2;
            user = java.util.Arrays.copyOf(user, n);
            sku = java.util.Arrays.copyOf(sku, n);
            quantity = java.util.Arrays.copyOf(quantity, n);
            state = java.util.Arrays.copyOf(state, n);
            deadline = java.util.Arrays.copyOf(deadline, n);
            requestIdRef = java.util.Arrays.copyOf(requestIdRef, n);
        }
        user[pages] = new long[PAGE_SIZE];
        sku[pages] = new int[PAGE_SIZE];
        quantity[pages] = new int[PAGE_SIZE];
        state[pages] = new byte[PAGE_SIZE];
        deadline[pages] = new long[PAGE_SIZE];
        requestIdRef[pages] = new long[PAGE_SIZE];
        pages++;
    }

    private static int page(final long orderId)
    {
        return (int)((orderId - 1) >>> PAGE_SHIFT);
    }

    private static int slot(final long orderId)
    {
        return (int)((orderId - 1) & PAGE_MASK);
    }

    /**
     * @param orderId existing order id.
     * @return buyer.
     */
    public long user(final long orderId)
    {
        return user[page(orderId)][slot(orderId)];
    }

    /**
     * @param orderId existing order id.
     * @return SKU index.
     */
    public int sku(final long orderId)
    {
        return sku[page(orderId)][slot(orderId)];
    }

    /**
     * @param orderId existing order id.
     * @return units.
     */
    public int quantity(final long orderId)
    {
        return quantity[page(orderId)][slot(orderId)];
    }

    /**
     * @param orderId existing order id.
     * @return state code, see {@link OrderState#code()}.
     */
    public byte state(final long orderId)
    {
        return state[page(orderId)][slot(orderId)];
    }

    /**
     * @param orderId existing order id.
     * @param newState new state.
     */
    public void state(final long orderId, final OrderState newState)
    {
        state[page(orderId)][slot(orderId)] = newState.code();
    }

    /**
     * @param orderId existing order id.
     * @return payment deadline, epoch ms.
     */
    public long deadline(final long orderId)
    {
        return deadline[page(orderId)][slot(orderId)];
    }

    /**
     * @param orderId existing order id.
     * @return reference of its request id in the arena.
     */
    public long requestIdRef(final long orderId)
    {
        return requestIdRef[page(orderId)][slot(orderId)];
    }
}
