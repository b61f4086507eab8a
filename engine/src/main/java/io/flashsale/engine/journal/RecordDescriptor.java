package io.flashsale.engine.journal;

/**
 * Binary layout of journal records. One Chronicle Queue excerpt holds one or more records back to back (the records
 * of one ring batch); every order has its own record. All numbers little-endian.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+---------------+-------------------------------+
 *  |     type      |    version    |        payload length         |
 *  +---------------+---------------+-------------------------------+
 *  |                      payload (see below)                     ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * Every payload starts with the command's timestamp (epoch ms, 8 bytes). Then, by type:
 * <ul>
 *   <li>SALE_DEFINED: saleId 8, openAt 8, closeAt 8, paymentWindowMillis 8</li>
 *   <li>SKU_ADDED: skuId 8, saleId 8, storeId 8, price 8, stock 4, perUserLimit 4, maxOrdersPerBuyer 4
 *       (version 1 records end before maxOrdersPerBuyer: it is then 10 x perUserLimit)</li>
 *   <li>RESTOCKED: skuId 8, quantity 4</li>
 *   <li>ORDER_RESERVED: orderId 8, userId 8, skuId 8, price 8, deadline 8, quantity 4,
 *       requestIdLength 1, requestId bytes (1..64 ASCII)</li>
 *   <li>ORDER_PAID, ORDER_CANCELLED, ORDER_EXPIRED: orderId 8</li>
 *   <li>LABELLED (version 2 on): kind 1 (see {@code LabelKind}), id 8, nameLength 1, name bytes (UTF-8, 1..200)</li>
 * </ul>
 * Version 2 (this build) added maxOrdersPerBuyer to SKU_ADDED and the LABELLED record; every other layout is the same
 * in both versions, and a reader accepts both. It rejects an unknown type, an unsupported version, or a length that
 * does not match the type and version.
 */
public final class RecordDescriptor
{
    /** Bytes before the payload. */
    public static final int HEADER_LENGTH = 4;
    /** Offset of the type byte. */
    public static final int TYPE_OFFSET = 0;
    /** Offset of the version byte. */
    public static final int VERSION_OFFSET = 1;
    /** Offset of the 16-bit payload length. */
    public static final int LENGTH_OFFSET = 2;

    /** Record format version written by this build. */
    public static final int VERSION = 2;
    /** Oldest record format version a reader accepts. */
    public static final int OLDEST_VERSION = 1;

    /** A sale was defined. */
    public static final int SALE_DEFINED = 1;
    /** A SKU was added. */
    public static final int SKU_ADDED = 2;
    /** A SKU was restocked. */
    public static final int RESTOCKED = 3;
    /** An order reserved stock. */
    public static final int ORDER_RESERVED = 4;
    /** An order was paid. */
    public static final int ORDER_PAID = 5;
    /** An order was cancelled. */
    public static final int ORDER_CANCELLED = 6;
    /** An order expired. */
    public static final int ORDER_EXPIRED = 7;
    /** A sale, store or SKU was given a display name. */
    public static final int LABELLED = 8;

    /** Payload length of SALE_DEFINED. */
    public static final int SALE_DEFINED_LENGTH = 8 + 8 * 4;
    /** Payload length of SKU_ADDED in version 1. */
    public static final int SKU_ADDED_V1_LENGTH = 8 + 8 * 4 + 4 + 4;
    /** Payload length of SKU_ADDED. */
    public static final int SKU_ADDED_LENGTH = SKU_ADDED_V1_LENGTH + 4;
    /** Payload length of RESTOCKED. */
    public static final int RESTOCKED_LENGTH = 8 + 8 + 4;
    /** Payload length of ORDER_RESERVED without its request id bytes. */
    public static final int ORDER_RESERVED_FIXED_LENGTH = 8 + 8 * 5 + 4 + 1;
    /** Payload length of ORDER_PAID, ORDER_CANCELLED, ORDER_EXPIRED. */
    public static final int ORDER_CHANGE_LENGTH = 8 + 8;
    /** Payload length of LABELLED without its name bytes. */
    public static final int LABELLED_FIXED_LENGTH = 8 + 1 + 8 + 1;

    private RecordDescriptor()
    {
    }

    /**
     * @param type a record type.
     * @return its name, for error messages and exports.
     */
    public static String typeName(final int type)
    {
        switch (type)
        {
            case SALE_DEFINED:
                return "SALE_DEFINED";
            case SKU_ADDED:
                return "SKU_ADDED";
            case RESTOCKED:
                return "RESTOCKED";
            case ORDER_RESERVED:
                return "ORDER_RESERVED";
            case ORDER_PAID:
                return "ORDER_PAID";
            case ORDER_CANCELLED:
                return "ORDER_CANCELLED";
            case ORDER_EXPIRED:
                return "ORDER_EXPIRED";
            case LABELLED:
                return "LABELLED";
            default:
                return "UNKNOWN(" + type + ")";
        }
    }
}
