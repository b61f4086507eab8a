package io.flashsale.engine.snapshot;

/**
 * Layout of a snapshot file (big-endian, written through a CRC32):
 * <pre>
 *  magic 8 | format version 4 | queue index covered 8 | last timestamp 8
 *  sale count 4 | per sale: id 8, openAt 8, closeAt 8, paymentWindow 8
 *  SKU count 4  | per SKU: id 8, sale index 4, store 8, price 8, limit 4, total 8, held 8, sold 8,
 *                           initial stock 4, max orders per buyer 4
 *  order count 8 | per order: user 8, SKU index 4, quantity 4, deadline 8, state 1, request id length 1, id bytes
 *  label count 4 | per label (sorted by kind, then id): kind 1, id 8, name length 1, name bytes (UTF-8)
 *  CRC32 of all bytes above 8
 * </pre>
 * Format 1 (before labels, initial stock and order caps) is still read: its SKUs get initial stock = total and the
 * default order cap, and it has no labels.
 * The queue index is that of the last journal excerpt whose records the snapshot contains; replay continues after it.
 */
public final class SnapshotDescriptor
{
    /** "FSSNAP" followed by two zero bytes. */
    public static final long MAGIC = 0x46535F534E415000L;
    /** Format written by this build. */
    public static final int FORMAT_VERSION = 2;
    /** Oldest format this build reads. */
    public static final int OLDEST_FORMAT_VERSION = 1;
    /** File name prefix; the queue index follows as 16 hex digits. */
    public static final String PREFIX = "snapshot-";
    /** File name suffix. */
    public static final String SUFFIX = ".snap";
    /** Suffix of a snapshot being written. */
    public static final String TEMP_SUFFIX = ".snap.tmp";

    private SnapshotDescriptor()
    {
    }
}
