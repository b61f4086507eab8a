package io.flashsale.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.io.DirectBufferInputStream;

import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.logbuffer.Header;
import io.flashsale.engine.snapshot.SnapshotStore;
import io.flashsale.engine.state.EngineState;

/**
 * Moves the engine state through the cluster's snapshot hook, in the engine's snapshot encoding
 * ({@link SnapshotStore#writeTo}). Messages on the snapshot stream, little-endian:
 * <ul>
 *   <li>BEGIN: type 4 ({@value #BEGIN}), version 4, log position 8;</li>
 *   <li>CHUNK: type 4 ({@value #CHUNK}), up to {@value #CHUNK_LENGTH} body bytes;</li>
 *   <li>END: type 4 ({@value #END}), body length 8.</li>
 * </ul>
 * Used on the clustered service's thread only: {@link #write} from {@code onTakeSnapshot}, {@link #load} from
 * {@code onStart}. Both allocate (snapshots are off the command path).
 */
public final class SnapshotTransfer
{
    /** Message type: the snapshot's header. */
    public static final int BEGIN = 1;
    /** Message type: body bytes. */
    public static final int CHUNK = 2;
    /** Message type: the end marker. */
    public static final int END = 3;
    /** Layout version written by this build. */
    public static final int VERSION = 1;
    /** Body bytes per CHUNK message. */
    public static final int CHUNK_LENGTH = 4096;

    private static final int TYPE_OFFSET = 0;
    private static final int VERSION_OFFSET = 4;
    private static final int POSITION_OFFSET = 8;
    private static final int DATA_OFFSET = 4;
    private static final int BODY_LENGTH_OFFSET = 4;

    private SnapshotTransfer()
    {
    }

    /**
     * Offer the state as one snapshot, waiting out back pressure with the idle strategy.
     *
     * @param state       the state (owned by the calling thread).
     * @param logPosition the log position the state covers.
     * @param publication the cluster's snapshot publication.
     * @param idle        how to wait on back pressure.
     */
    public static void write(
        final EngineState state,
        final long logPosition,
        final ExclusivePublication publication,
        final IdleStrategy idle)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[DATA_OFFSET + CHUNK_LENGTH]);
        buffer.putInt(TYPE_OFFSET, BEGIN);
        buffer.putInt(VERSION_OFFSET, VERSION);
        buffer.putLong(POSITION_OFFSET, logPosition);
        offer(publication, buffer, POSITION_OFFSET + 8, idle);
        final ChunkStream chunks = new ChunkStream(publication, idle);
        try
        {
            SnapshotStore.writeTo(chunks, state, logPosition);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot encode the snapshot", ex);
        }
        chunks.flushChunk();
        buffer.putInt(TYPE_OFFSET, END);
        buffer.putLong(BODY_LENGTH_OFFSET, chunks.bodyLength);
        offer(publication, buffer, BODY_LENGTH_OFFSET + 8, idle);
    }

    /**
     * Read a snapshot from the cluster's snapshot image into an empty state.
     *
     * @param image the snapshot image given to {@code onStart}.
     * @param state an empty state to fill.
     * @param idle  how to wait for more of the image.
     * @return the log position stored in the snapshot.
     * @throws IllegalStateException if the image ends before the end marker or is malformed.
     */
    public static long load(final Image image, final EngineState state, final IdleStrategy idle)
    {
        final Loader loader = new Loader();
        final FragmentAssembler assembler = new FragmentAssembler(loader::onFragment);
        while (!loader.done)
        {
            final int fragments = image.poll(assembler, 16);
            if (fragments == 0 && !loader.done)
            {
                if (image.isEndOfStream() || image.isClosed())
                {
                    throw new IllegalStateException("snapshot image ended before its end marker");
                }
                idle.idle();
            }
            else
            {
                idle.reset();
            }
        }
        SnapshotStore.readFrom(new DirectBufferInputStream(loader.body, 0, loader.bodyLength), state,
            "cluster snapshot at log position " + loader.logPosition);
        return loader.logPosition;
    }

    private static void offer(
        final ExclusivePublication publication, final DirectBuffer buffer, final int length, final IdleStrategy idle)
    {
        idle.reset();
        long result;
        while ((result = publication.offer(buffer, 0, length)) < 0)
        {
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
            {
                throw new IllegalStateException("snapshot publication refused a message: " + result);
            }
            idle.idle();
        }
    }

    private static final class ChunkStream extends OutputStream
    {
        private final ExclusivePublication publication;
        private final IdleStrategy idle;
        private final UnsafeBuffer chunk = new UnsafeBuffer(new byte[DATA_OFFSET + CHUNK_LENGTH]);
        private int filled;
        private long bodyLength;

        ChunkStream(final ExclusivePublication publication, final IdleStrategy idle)
        {
            this.publication = publication;
            this.idle = idle;
            chunk.putInt(TYPE_OFFSET, CHUNK);
        }

        @Override
        public void write(final int b)
        {
            chunk.putByte(DATA_OFFSET + filled, (byte)b);
            filled++;
            bodyLength++;
            if (filled == CHUNK_LENGTH)
            {
                flushChunk();
            }
        }

        @Override
        public void write(final byte[] b, final int off, final int len)
        {
            int from = off;
            int left = len;
            while (left > 0)
            {
                final int n = Math.min(left, CHUNK_LENGTH - filled);
                chunk.putBytes(DATA_OFFSET + filled, b, from, n);
                filled += n;
                bodyLength += n;
                from += n;
                left -= n;
                if (filled == CHUNK_LENGTH)
                {
                    flushChunk();
                }
            }
        }

        void flushChunk()
        {
            if (filled > 0)
            {
                offer(publication, chunk, DATA_OFFSET + filled, idle);
                filled = 0;
            }
        }
    }

    private static final class Loader
    {
        private final ExpandableArrayBuffer body = new ExpandableArrayBuffer(CHUNK_LENGTH);
        private int bodyLength;
        private long logPosition = -1;
        private boolean begun;
        private boolean done;

        void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            final int type = buffer.getInt(offset + TYPE_OFFSET);
            switch (type)
            {
                case BEGIN:
                    if (buffer.getInt(offset + VERSION_OFFSET) != VERSION)
                    {
                        throw new IllegalStateException("unsupported snapshot version " +
                            buffer.getInt(offset + VERSION_OFFSET));
                    }
                    logPosition = buffer.getLong(offset + POSITION_OFFSET);
                    begun = true;
                    break;
                case CHUNK:
                    requireBegun();
                    body.putBytes(bodyLength, buffer, offset + DATA_OFFSET, length - DATA_OFFSET);
                    bodyLength += length - DATA_OFFSET;
                    break;
                case END:
                    requireBegun();
                    if (buffer.getLong(offset + BODY_LENGTH_OFFSET) != bodyLength)
                    {
                        throw new IllegalStateException("snapshot body length " + bodyLength + " but end marker says " +
                            buffer.getLong(offset + BODY_LENGTH_OFFSET));
                    }
                    done = true;
                    break;
                default:
                    throw new IllegalStateException("unknown snapshot message type " + type);
            }
        }

        private void requireBegun()
        {
            if (!begun)
            {
                throw new IllegalStateException("snapshot message before its header");
            }
        }
    }
}
