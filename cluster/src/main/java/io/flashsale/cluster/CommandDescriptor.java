package io.flashsale.cluster;

import java.nio.ByteOrder;

/**
 * Binary layout of a command on the cluster ingress. One fixed block, then the variable bytes (the BUY request id or
 * the LABEL name). All numbers little-endian. Fields a command type does not use are zero.
 *
 * <pre>
 *   0               1               2               3
 *   0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7
 *  +---------------+---------------+-------------------------------+
 *  |     type      |    version    |      variable length          |  0
 *  +---------------+---------------+-------------------------------+
 *  |                       (reserved, zero)                        |  4
 *  +---------------------------------------------------------------+
 *  |                 correlation id (8)                            |  8
 *  |  userId 16, skuId 24, orderId 32, saleId 40, storeId 48,      |
 *  |  price 56, openAt 64, closeAt 72, paymentWindowMillis 80,     |
 *  |  quantity 88 (4), limit 92 (4), maxOrders 96 (4),             |
 *  |  labelKind 100 (4), labelId 104 (8)                           |
 *  +---------------------------------------------------------------+
 *  |  variable bytes (request id 1..64 ASCII, or name 1..200 UTF-8)| 112
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * Types are the engine's {@code CommandType} ordinals; a member accepts BUY, PAY, CANCEL, QUERY_ORDER, QUERY_SKU,
 * DEFINE_SALE, ADD_SKU, RESTOCK and LABEL. TICK is never sent by a client: it comes from a cluster timer.
 */
public final class CommandDescriptor
{
    /** Byte order of every number. */
    public static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;
    /** Layout version written by this build. */
    public static final int VERSION = 1;

    /** Offset of the type byte. */
    public static final int TYPE_OFFSET = 0;
    /** Offset of the version byte. */
    public static final int VERSION_OFFSET = 1;
    /** Offset of the 16-bit length of the variable bytes. */
    public static final int VARIABLE_LENGTH_OFFSET = 2;
    /** Offset of the caller's correlation id, echoed in the result. */
    public static final int CORRELATION_ID_OFFSET = 8;
    /** Offset of the buyer. */
    public static final int USER_ID_OFFSET = 16;
    /** Offset of the SKU. */
    public static final int SKU_ID_OFFSET = 24;
    /** Offset of the order. */
    public static final int ORDER_ID_OFFSET = 32;
    /** Offset of the sale. */
    public static final int SALE_ID_OFFSET = 40;
    /** Offset of the store. */
    public static final int STORE_ID_OFFSET = 48;
    /** Offset of the unit price, minor units. */
    public static final int PRICE_OFFSET = 56;
    /** Offset of the sale opening, epoch ms. */
    public static final int OPEN_AT_OFFSET = 64;
    /** Offset of the sale closing, epoch ms. */
    public static final int CLOSE_AT_OFFSET = 72;
    /** Offset of the payment window, ms. */
    public static final int PAYMENT_WINDOW_OFFSET = 80;
    /** Offset of the quantity (BUY, RESTOCK) or initial stock (ADD_SKU). */
    public static final int QUANTITY_OFFSET = 88;
    /** Offset of the per-user limit (ADD_SKU). */
    public static final int LIMIT_OFFSET = 92;
    /** Offset of the orders-per-buyer limit (ADD_SKU). */
    public static final int MAX_ORDERS_OFFSET = 96;
    /** Offset of the label kind (LABEL). */
    public static final int LABEL_KIND_OFFSET = 100;
    /** Offset of the labelled id (LABEL). */
    public static final int LABEL_ID_OFFSET = 104;
    /** Length of the fixed block; the variable bytes start here. */
    public static final int FIXED_LENGTH = 112;
    /** Longest variable part accepted. */
    public static final int MAX_VARIABLE_LENGTH = 255;
    /** Longest encoded command. */
    public static final int MAX_LENGTH = FIXED_LENGTH + MAX_VARIABLE_LENGTH;

    private CommandDescriptor()
    {
    }
}
