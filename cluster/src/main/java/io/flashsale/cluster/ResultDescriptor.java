package io.flashsale.cluster;

import java.nio.ByteOrder;

/**
 * Binary layout of a result on the cluster egress: one fixed block of {@link #LENGTH} bytes, little-endian, carrying
 * the engine's {@code CommandResult} fields. Fields the command type does not fill are zero.
 *
 * <pre>
 *   correlation id 0 (8), type 8 (1), result 9 (1), order state 10 (1), reserved 11 (1), detail 12 (4),
 *   orderId 16, userId 24, skuId 32, price 40, deadline 48, available 56, held 64, sold 72, total 80, count 88,
 *   quantity 96 (4), limit 100 (4), saleId 104, storeId 112, request id length 120 (4),
 *   request id bytes 124 (up to 64, ASCII; the order's request id for BUY and QUERY_ORDER results)
 * </pre>
 *
 * type, result and order state are the engine's {@code CommandType}, {@code ResultCode} and {@code OrderState}
 * ordinals.
 */
public final class ResultDescriptor
{
    /** Byte order of every number. */
    public static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;

    /** Offset of the correlation id of the command answered. */
    public static final int CORRELATION_ID_OFFSET = 0;
    /** Offset of the command type. */
    public static final int TYPE_OFFSET = 8;
    /** Offset of the result code. */
    public static final int RESULT_OFFSET = 9;
    /** Offset of the order state. */
    public static final int ORDER_STATE_OFFSET = 10;
    /** Offset of the detail code. */
    public static final int DETAIL_OFFSET = 12;
    /** Offset of the order id. */
    public static final int ORDER_ID_OFFSET = 16;
    /** Offset of the buyer. */
    public static final int USER_ID_OFFSET = 24;
    /** Offset of the SKU. */
    public static final int SKU_ID_OFFSET = 32;
    /** Offset of the unit price. */
    public static final int PRICE_OFFSET = 40;
    /** Offset of the payment deadline. */
    public static final int DEADLINE_OFFSET = 48;
    /** Offset of the available units. */
    public static final int AVAILABLE_OFFSET = 56;
    /** Offset of the held units. */
    public static final int HELD_OFFSET = 64;
    /** Offset of the sold units. */
    public static final int SOLD_OFFSET = 72;
    /** Offset of the total units. */
    public static final int TOTAL_OFFSET = 80;
    /** Offset of the count (TICK). */
    public static final int COUNT_OFFSET = 88;
    /** Offset of the order's units. */
    public static final int QUANTITY_OFFSET = 96;
    /** Offset of the SKU's per-user limit. */
    public static final int LIMIT_OFFSET = 100;
    /** Offset of the sale. */
    public static final int SALE_ID_OFFSET = 104;
    /** Offset of the store. */
    public static final int STORE_ID_OFFSET = 112;
    /** Offset of the request id's length. */
    public static final int REQUEST_ID_LENGTH_OFFSET = 120;
    /** Offset of the request id's bytes. */
    public static final int REQUEST_ID_OFFSET = 124;
    /** Longest request id carried. */
    public static final int MAX_REQUEST_ID_LENGTH = 64;
    /** Length of a result. */
    public static final int LENGTH = REQUEST_ID_OFFSET + MAX_REQUEST_ID_LENGTH;

    private ResultDescriptor()
    {
    }
}
