package io.flashsale.bench.loadgen;

import java.util.Arrays;

/**
 * The orders one worker was acknowledged, in primitive arrays indexed by slot: what the audit compares with the
 * server. Single-threaded while the run is live; read by the coordinator after the worker stopped.
 */
public final class OrderLedger
{
    /** Order holds stock, unpaid. */
    public static final byte RESERVED = 0;
    /** Order paid. */
    public static final byte PAID = 1;
    /** Order cancelled by the buyer. */
    public static final byte CANCELLED = 2;
    /** Payment window passed; stock returned. */
    public static final byte EXPIRED = 3;
    /** A pay or cancel got no answer: the audit asks the server. */
    public static final byte UNKNOWN = 4;

    private long[] orderIds = new long[4096];
    private int[] skuIndexes = new int[4096];
    private long[] users = new long[4096];
    private int[] quantities = new int[4096];
    private long[] requests = new long[4096];
    private byte[] states = new byte[4096];
    private int size;

    /**
     * @param orderId  server order id.
     * @param skuIndex index into the SKU table.
     * @param user     buyer.
     * @param qty      units.
     * @param request  requestId number.
     * @return the slot.
     */
    public int add(final long orderId, final int skuIndex, final long user, final int qty, final long request)
    {
        if (size == orderIds.length)
        {
            final int n = size * 2;
            orderIds = Arrays.copyOf(orderIds, n);
            skuIndexes = Arrays.copyOf(skuIndexes, n);
            users = Arrays.copyOf(users, n);
            quantities = Arrays.copyOf(quantities, n);
            requests = Arrays.copyOf(requests, n);
            states = Arrays.copyOf(states, n);
        }
        orderIds[size] = orderId;
        skuIndexes[size] = skuIndex;
        users[size] = user;
        quantities[size] = qty;
        requests[size] = request;
        states[size] = RESERVED;
        return size++;
    }

    /**
     * @return number of orders.
     */
    public int size()
    {
        return size;
    }

    /**
     * @param slot slot.
     * @return order id.
     */
    public long orderId(final int slot)
    {
        return orderIds[slot];
    }

    /**
     * @param slot slot.
     * @return SKU index.
     */
    public int skuIndex(final int slot)
    {
        return skuIndexes[slot];
    }

    /**
     * @param slot slot.
     * @return buyer.
     */
    public long user(final int slot)
    {
        return users[slot];
    }

    /**
     * @param slot slot.
     * @return units.
     */
    public int qty(final int slot)
    {
        return quantities[slot];
    }

    /**
     * @param slot slot.
     * @return requestId number.
     */
    public long request(final int slot)
    {
        return requests[slot];
    }

    /**
     * @param slot slot.
     * @return state, one of the constants.
     */
    public byte state(final int slot)
    {
        return states[slot];
    }

    /**
     * @param slot  slot.
     * @param state new state.
     */
    public void state(final int slot, final byte state)
    {
        states[slot] = state;
    }
}
