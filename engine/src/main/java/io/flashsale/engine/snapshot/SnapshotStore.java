package io.flashsale.engine.snapshot;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.engine.command.LabelKind;
import io.flashsale.engine.command.SaleLimits;
import io.flashsale.engine.state.Catalog;
import io.flashsale.engine.state.EngineState;
import io.flashsale.engine.state.Labels;
import io.flashsale.engine.state.OrderStore;

/**
 * Writes and loads snapshots of {@link EngineState} in one directory. A snapshot is written to a temporary file,
 * forced to the device and renamed atomically, so a reader sees a whole snapshot or none. The newest {@link #KEEP}
 * snapshots are kept.
 * <p>
 * Not thread-safe: call {@link #write} from the thread that owns the state.
 */
public final class SnapshotStore
{
    /** Snapshots kept on disk; older ones are deleted after a successful write. */
    public static final int KEEP = 2;
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);

    private final Path directory;

    /**
     * A loaded snapshot.
     *
     * @param state      the state it holds.
     * @param queueIndex index of the last journal excerpt it covers.
     * @param file       where it came from.
     */
    public record Loaded(EngineState state, long queueIndex, Path file)
    {
    }

    /**
     * @param directory where snapshots live (created if missing).
     */
    public SnapshotStore(final Path directory)
    {
        this.directory = directory;
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Write a snapshot of the state covering the journal up to and including {@code queueIndex}.
     *
     * @param state      the state (owned by the calling thread).
     * @param queueIndex index of the last journal excerpt applied to the state.
     * @return the snapshot file.
     */
    public Path write(final EngineState state, final long queueIndex)
    {
        final Path file = directory.resolve(fileName(queueIndex));
        final Path temp = directory.resolve(SnapshotDescriptor.PREFIX + hex(queueIndex) +
            SnapshotDescriptor.TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING))
        {
            final CRC32 crc = new CRC32();
            final OutputStream raw = Channels.newOutputStream(channel);
            final DataOutputStream out = new DataOutputStream(
                new BufferedOutputStream(new CheckedOutputStream(raw, crc), 1 << 20));
            writeBody(out, state, queueIndex);
            out.flush();
            new DataOutputStream(raw).writeLong(crc.getValue());
            channel.force(true);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write snapshot " + temp, ex);
        }
        try
        {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot rename snapshot " + temp, ex);
        }
        prune();
        return file;
    }

    /**
     * Write the snapshot body (the same encoding as a snapshot file, without the file's trailing checksum) to a
     * stream, for a transport that frames and checks it itself (a cluster's snapshot hook).
     *
     * @param out      receives the body; flushed, not closed.
     * @param state    the state (owned by the calling thread).
     * @param position what the state covers (a journal index or a cluster log position), stored in the body.
     * @throws IOException if the stream fails.
     */
    public static void writeTo(final OutputStream out, final EngineState state, final long position)
        throws IOException
    {
        final DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        writeBody(data, state, position);
        data.flush();
    }

    /**
     * Read a body written by {@link #writeTo} into an empty state.
     *
     * @param in     the body, read to its end.
     * @param state  an empty state to fill.
     * @param source names the body in error messages.
     * @return the position stored in the body.
     * @throws SnapshotCorruptedException if the body is damaged.
     */
    public static long readFrom(final InputStream in, final EngineState state, final String source)
    {
        try
        {
            final DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
            final long position = readBody(data, state, source);
            if (data.read() != -1)
            {
                throw new SnapshotCorruptedException(source + ": trailing bytes", null);
            }
            state.compactExpiryQueues();
            return position;
        }
        catch (final IOException ex)
        {
            throw new SnapshotCorruptedException(source + ": unreadable or truncated", ex);
        }
    }

    private static void writeBody(final DataOutputStream out, final EngineState state, final long queueIndex)
        throws IOException
    {
        out.writeLong(SnapshotDescriptor.MAGIC);
        out.writeInt(SnapshotDescriptor.FORMAT_VERSION);
        out.writeLong(queueIndex);
        out.writeLong(state.lastTimestamp());
        final Catalog catalog = state.catalog();
        out.writeInt(catalog.saleCount());
        for (int i = 0; i < catalog.saleCount(); i++)
        {
            out.writeLong(catalog.saleId(i));
            out.writeLong(catalog.saleOpenAt(i));
            out.writeLong(catalog.saleCloseAt(i));
            out.writeLong(catalog.salePaymentWindow(i));
        }
        out.writeInt(catalog.skuCount());
        for (int i = 0; i < catalog.skuCount(); i++)
        {
            out.writeLong(catalog.skuId(i));
            out.writeInt(catalog.skuSale(i));
            out.writeLong(catalog.skuStore(i));
            out.writeLong(catalog.skuPrice(i));
            out.writeInt(catalog.skuLimit(i));
            out.writeLong(catalog.skuTotal(i));
            out.writeLong(catalog.skuHeld(i));
            out.writeLong(catalog.skuSold(i));
            out.writeInt(catalog.skuInitial(i));
            out.writeInt(catalog.skuMaxOrders(i));
        }
        final OrderStore orders = state.orders();
        out.writeLong(orders.count());
        final byte[] id = new byte[64];
        for (long o = 1; o <= orders.count(); o++)
        {
            out.writeLong(orders.user(o));
            out.writeInt(orders.sku(o));
            out.writeInt(orders.quantity(o));
            out.writeLong(orders.deadline(o));
            out.writeByte(orders.state(o));
            final int length = state.requestIds().copy(orders.requestIdRef(o), id, 0);
            out.writeByte(length);
            out.write(id, 0, length);
        }
        writeLabels(out, state.labels());
    }

    private static void writeLabels(final DataOutputStream out, final Labels labels) throws IOException
    {
        out.writeInt(labels.size());
        for (final int kind : new int[] {LabelKind.SALE, LabelKind.STORE, LabelKind.SKU})
        {
            for (final Map.Entry<Long, String> label : new TreeMap<>(labels.of(kind)).entrySet())
            {
                final byte[] name = label.getValue().getBytes(StandardCharsets.UTF_8);
                out.writeByte(kind);
                out.writeLong(label.getKey());
                out.writeByte(name.length);
                out.write(name);
            }
        }
    }

    private static void readLabels(final DataInputStream in, final EngineState state, final Object file)
        throws IOException
    {
        final int count = in.readInt();
        if (count < 0)
        {
            throw new SnapshotCorruptedException(file + ": negative label count", null);
        }
        final byte[] name = new byte[LabelKind.MAX_NAME_BYTES];
        for (int i = 0; i < count; i++)
        {
            final int kind = in.readUnsignedByte();
            final long id = in.readLong();
            final int length = in.readUnsignedByte();
            if (!LabelKind.valid(kind) || length < 1 || length > LabelKind.MAX_NAME_BYTES)
            {
                throw new SnapshotCorruptedException(file + ": label " + i + " is malformed", null);
            }
            in.readFully(name, 0, length);
            state.onLabelled(0, kind, id, name, length);
        }
    }

    /**
     * Load the newest snapshot that reads back intact; damaged ones are reported and skipped.
     *
     * @param stateFactory makes an empty state for each attempt.
     * @return the loaded snapshot, or null when there is none usable (replay the whole journal).
     */
    public Loaded loadLatest(final Supplier<EngineState> stateFactory)
    {
        final List<Path> files = list();
        Collections.reverse(files);
        for (final Path file : files)
        {
            try
            {
                return load(file, stateFactory.get());
            }
            catch (final SnapshotCorruptedException ex)
            {
                LOG.warn("ignoring damaged snapshot: {}", ex.getMessage());
            }
        }
        return null;
    }

    /**
     * Load one snapshot file.
     *
     * @param file  the snapshot.
     * @param state an empty state to fill.
     * @return the loaded snapshot.
     * @throws SnapshotCorruptedException if the file is damaged.
     */
    public static Loaded load(final Path file, final EngineState state)
    {
        final long size;
        try
        {
            size = Files.size(file);
        }
        catch (final IOException ex)
        {
            throw new SnapshotCorruptedException(file + ": unreadable", ex);
        }
        if (size < 8 + 4 + 8 + 8 + 4 + 4 + 8 + 8)
        {
            throw new SnapshotCorruptedException(file + ": too short (" + size + " bytes)", null);
        }
        final CRC32 crc = new CRC32();
        try (InputStream raw = Files.newInputStream(file))
        {
            final InputStream buffered = new BufferedInputStream(raw, 1 << 20);
            final DataInputStream in = new DataInputStream(new BufferedInputStream(new CheckedInputStream(
                new BoundedInputStream(buffered, size - 8), crc), 1 << 16));
            final long queueIndex = readBody(in, state, file);
            if (in.read() != -1)
            {
                throw new SnapshotCorruptedException(file + ": trailing bytes before checksum", null);
            }
            final long expected = new DataInputStream(buffered).readLong();
            if (expected != crc.getValue())
            {
                throw new SnapshotCorruptedException(file + ": checksum mismatch", null);
            }
            state.compactExpiryQueues();
            return new Loaded(state, queueIndex, file);
        }
        catch (final EOFException ex)
        {
            throw new SnapshotCorruptedException(file + ": truncated", ex);
        }
        catch (final IOException ex)
        {
            throw new SnapshotCorruptedException(file + ": unreadable", ex);
        }
        catch (final RuntimeException ex)
        {
            if (ex instanceof SnapshotCorruptedException)
            {
                throw ex;
            }
            throw new SnapshotCorruptedException(file + ": inconsistent content (" + ex + ")", ex);
        }
    }

    private static long readBody(final DataInputStream in, final EngineState state, final Object file)
        throws IOException
    {
        if (in.readLong() != SnapshotDescriptor.MAGIC)
        {
            throw new SnapshotCorruptedException(file + ": not a snapshot (bad magic)", null);
        }
        final int version = in.readInt();
        if (version < SnapshotDescriptor.OLDEST_FORMAT_VERSION || version > SnapshotDescriptor.FORMAT_VERSION)
        {
            throw new SnapshotCorruptedException(file + ": unsupported format version " + version, null);
        }
        final long queueIndex = in.readLong();
        final long lastTimestamp = in.readLong();
        final int sales = in.readInt();
        checkCount(sales, file, "sale");
        for (int i = 0; i < sales; i++)
        {
            state.onSaleDefined(0, in.readLong(), in.readLong(), in.readLong(), in.readLong());
        }
        final int skus = in.readInt();
        checkCount(skus, file, "SKU");
        final Catalog catalog = state.catalog();
        for (int i = 0; i < skus; i++)
        {
            final long id = in.readLong();
            final int saleIndex = in.readInt();
            if (saleIndex < 0 || saleIndex >= sales)
            {
                throw new SnapshotCorruptedException(file + ": SKU " + id + " names sale index " + saleIndex, null);
            }
            final long store = in.readLong();
            final long price = in.readLong();
            final int limit = in.readInt();
            final long total = in.readLong();
            final long held = in.readLong();
            final long sold = in.readLong();
            final int initial = version == 1 ? (int)Math.min(total, SaleLimits.MAX_STOCK) : in.readInt();
            final int maxOrders = version == 1 ? SaleLimits.defaultMaxOrdersPerBuyer(limit) : in.readInt();
            state.onSkuAdded(0, id, catalog.saleId(saleIndex), store, price, initial, limit, maxOrders);
            state.restoreStock(i, total, held, sold);
        }
        final long orderCount = in.readLong();
        if (orderCount < 0)
        {
            throw new SnapshotCorruptedException(file + ": negative order count", null);
        }
        final byte[] id = new byte[64];
        for (long o = 1; o <= orderCount; o++)
        {
            final long user = in.readLong();
            final int sku = in.readInt();
            final int quantity = in.readInt();
            final long deadline = in.readLong();
            final byte orderState = in.readByte();
            final int length = in.readUnsignedByte();
            if (sku < 0 || sku >= skus || orderState < 1 || orderState > 4 || length < 1 || length > 64)
            {
                throw new SnapshotCorruptedException(file + ": order " + o + " is malformed", null);
            }
            in.readFully(id, 0, length);
            state.restoreOrder(o, user, sku, quantity, deadline, orderState, id, length);
        }
        if (version >= 2)
        {
            readLabels(in, state, file);
        }
        state.restoreLastTimestamp(lastTimestamp);
        return queueIndex;
    }

    private static void checkCount(final int count, final Object file, final String what)
    {
        if (count < 0 || count > Catalog.MAX_SKUS)
        {
            throw new SnapshotCorruptedException(file + ": impossible " + what + " count " + count, null);
        }
    }

    /**
     * @return snapshot files, oldest first.
     */
    public List<Path> list()
    {
        final List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory,
            SnapshotDescriptor.PREFIX + "*" + SnapshotDescriptor.SUFFIX))
        {
            stream.forEach(files::add);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        files.sort(null);
        return files;
    }

    private void prune()
    {
        final List<Path> files = list();
        for (int i = 0; i < files.size() - KEEP; i++)
        {
            try
            {
                Files.deleteIfExists(files.get(i));
            }
            catch (final IOException ex)
            {
                LOG.warn("cannot delete old snapshot {}: {}", files.get(i), ex.toString());
            }
        }
    }

    private static String fileName(final long queueIndex)
    {
        return SnapshotDescriptor.PREFIX + hex(queueIndex) + SnapshotDescriptor.SUFFIX;
    }

    private static String hex(final long value)
    {
        final String digits = Long.toHexString(value);
        return "0".repeat(16 - digits.length()) + digits;
    }

    /**
     * Reads at most a fixed number of bytes from the underlying stream, leaving the rest (the checksum) unread.
     */
    private static final class BoundedInputStream extends InputStream
    {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(final InputStream in, final long limit)
        {
            this.in = in;
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException
        {
            if (remaining <= 0)
            {
                return -1;
            }
            final int b = in.read();
            if (b >= 0)
            {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(final byte[] b, final int off, final int len) throws IOException
        {
            if (remaining <= 0)
            {
                return -1;
            }
            final int n = in.read(b, off, (int)Math.min(len, remaining));
            if (n > 0)
            {
                remaining -= n;
            }
            return n;
        }
    }
}
