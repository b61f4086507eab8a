package io.flashsale.cluster;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import io.flashsale.engine.command.CommandType;
import io.flashsale.engine.command.EngineEvent;
import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.logic.CommandProcessor;
import io.flashsale.engine.state.EngineState;

/**
 * The engine's business logic as an Aeron Cluster service: every member decodes each log message into one
 * preallocated {@link EngineEvent} and runs the same {@link CommandProcessor} over its own {@link EngineState}, so
 * the members' states agree by construction.
 * <p>
 * Determinism: the command timestamp is the cluster log timestamp of the message, never a local clock; expiry runs
 * from a cluster timer ({@link #TICK_TIMER_ID}, every {@code tickIntervalMillis} of cluster time, armed by the first
 * DEFINE_SALE and re-armed by each tick), which the log carries, so replay on any member is exact.
 * <p>
 * Replies: one {@link ResultDescriptor} result per command, offered through {@link ClientSession#offer} (again at once
 * after an ADMIN_ACTION, a term rotation); only the leader really sends (followers' offers are mocked), and a refused
 * offer (back pressure, a closed session) is counted, logged and dropped, never waited on: the client resends with
 * the same request id, which the engine answers idempotently.
 * <p>
 * Journal and snapshots: the records each message emits go to the member's {@link MemberJournal}; snapshots are the
 * engine's snapshot encoding through the cluster's snapshot hook ({@link SnapshotTransfer}).
 * <p>
 * Threading: all callbacks come on the cluster's service thread, which owns the state, journal and buffers; the
 * progress getters (applied position, messages applied, journal records skipped) are published with release stores
 * and may be read from any thread. Allocation-free per command.
 */
public final class EngineClusteredService implements ClusteredService
{
    private static final VarHandle MESSAGES_APPLIED;
    private static final VarHandle APPLIED_POSITION;
    private static final VarHandle JOURNAL_RECORDS_SKIPPED;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            MESSAGES_APPLIED = lookup.findVarHandle(EngineClusteredService.class, "messagesApplied", long.class);
            APPLIED_POSITION = lookup.findVarHandle(EngineClusteredService.class, "appliedPosition", long.class);
            JOURNAL_RECORDS_SKIPPED = lookup.findVarHandle(
                EngineClusteredService.class, "journalRecordsSkipped", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(EngineClusteredService.class);

    /** Correlation id of the expiry timer. */
    public static final long TICK_TIMER_ID = 1;

    private final int shardId;
    private final Path dataDirectory;
    private final int expectedSkus;
    private final long expectedOrders;
    private final long tickIntervalMillis;
    private final EngineEvent event = new EngineEvent();
    private final UnsafeBuffer reply = new UnsafeBuffer(new byte[ResultDescriptor.LENGTH]);

    private Cluster cluster;
    private EngineState state;
    private MemberJournal journal;
    private CommandProcessor processor;
    private long repliesDropped;
    private long messagesApplied;
    private long appliedPosition = -1;
    private long journalRecordsSkipped;
    private volatile Cluster.Role role = Cluster.Role.FOLLOWER;

    /**
     * @param shardId            the shard this service is a replica of: order ids it answers carry it
     *                           ({@link ShardOrderIds}); its journal and snapshots keep local ids.
     * @param dataDirectory      the member's data directory (its journal and stamp live here).
     * @param expectedSkus       sizing hint for the state.
     * @param expectedOrders     sizing hint for the state.
     * @param tickIntervalMillis cluster time between expiry ticks.
     */
    public EngineClusteredService(
        final int shardId,
        final Path dataDirectory, final int expectedSkus, final long expectedOrders, final long tickIntervalMillis)
    {
        this.shardId = shardId;
        this.dataDirectory = dataDirectory;
        this.expectedSkus = expectedSkus;
        this.expectedOrders = expectedOrders;
        this.tickIntervalMillis = tickIntervalMillis;
    }

    /**
     * Load the snapshot, if any, and open the member journal.
     *
     * @param cluster       the cluster.
     * @param snapshotImage the snapshot to load, or null to start empty.
     */
    @Override
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        this.cluster = cluster;
        state = new EngineState(expectedSkus, expectedOrders);
        if (snapshotImage != null)
        {
            SnapshotTransfer.load(snapshotImage, state, cluster.idleStrategy());
        }
        journal = MemberJournal.open(dataDirectory);
        processor = new CommandProcessor(state, journal);
    }

    @Override
    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
    }

    @Override
    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
    }

    /**
     * Decide one command at the message's log timestamp and reply to its session.
     */
    @Override
    public void onSessionMessage(
        final ClientSession session,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        if (!CommandCodec.decode(buffer, offset, length, timestamp, event))
        {
            final long correlationId = length >= CommandDescriptor.FIXED_LENGTH ?
                buffer.getLong(offset + CommandDescriptor.CORRELATION_ID_OFFSET, CommandDescriptor.BYTE_ORDER) : 0;
            APPLIED_POSITION.setRelease(this, cluster.logPosition());
            reply(session, ResultCodec.encodeInvalid(correlationId, reply));
            return;
        }
        final CommandType type = event.type();
        if (type == CommandType.PAY || type == CommandType.CANCEL || type == CommandType.QUERY_ORDER)
        {
            // another shard's id is no order here (0 is never an order): answered as unknown, nothing changes
            final long orderId = event.orderId();
            event.orderId(ShardOrderIds.shard(orderId) == shardId ? ShardOrderIds.local(orderId) : 0);
        }
        apply();
        if (type == CommandType.DEFINE_SALE && event.result() == ResultCode.OK)
        {
            cluster.scheduleTimer(TICK_TIMER_ID, event.timestamp() + tickIntervalMillis);
        }
        final int replyLength = ResultCodec.encode(event, reply);
        reply.putLong(ResultDescriptor.ORDER_ID_OFFSET, ShardOrderIds.global(shardId, event.orderId()),
            ResultDescriptor.BYTE_ORDER);
        reply(session, replyLength);
    }

    /**
     * The expiry timer: a TICK at the timer's log timestamp, then the timer is re-armed.
     */
    @Override
    public void onTimerEvent(final long correlationId, final long timestamp)
    {
        if (correlationId != TICK_TIMER_ID)
        {
            return;
        }
        event.reset(CommandType.TICK, null, 0, timestamp, 0);
        apply();
        cluster.scheduleTimer(TICK_TIMER_ID, timestamp + tickIntervalMillis);
    }

    /**
     * Write the state as a snapshot at the current log position.
     */
    @Override
    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        SnapshotTransfer.write(state, cluster.logPosition(), snapshotPublication, cluster.idleStrategy());
    }

    @Override
    public void onRoleChange(final Cluster.Role newRole)
    {
        role = newRole;
    }

    /**
     * Release the member journal.
     */
    @Override
    public void onTerminate(final Cluster cluster)
    {
        closeJournal();
    }

    /**
     * @return the shard this service is a replica of.
     */
    public int shardId()
    {
        return shardId;
    }

    /**
     * @return log messages applied by this service since start (any thread may read it).
     */
    public long messagesApplied()
    {
        return (long)MESSAGES_APPLIED.getAcquire(this);
    }

    /**
     * @return log position of the last message this service applied, or -1 (any thread may read it).
     */
    public long appliedPosition()
    {
        return (long)APPLIED_POSITION.getAcquire(this);
    }

    /**
     * @return records this service saw again on log replay and did not journal a second time (any thread).
     */
    public long journalRecordsSkipped()
    {
        return (long)JOURNAL_RECORDS_SKIPPED.getAcquire(this);
    }

    /**
     * @return this member's role as last reported to the service (any thread).
     */
    public Cluster.Role role()
    {
        return role;
    }

    /**
     * @return replies refused by their session and dropped (service thread).
     */
    public long repliesDropped()
    {
        return repliesDropped;
    }

    /**
     * @return the state; read it only on the service thread or after the member stopped.
     */
    public EngineState state()
    {
        return state;
    }

    /**
     * Release the member journal if the service did not terminate through the cluster (idempotent).
     */
    public void closeJournal()
    {
        if (journal != null)
        {
            journal.close();
            journal = null;
        }
    }

    private void apply()
    {
        final long position = cluster.logPosition();
        journal.beginMessage(position);
        processor.process(event);
        journal.endMessage(position);
        MESSAGES_APPLIED.setRelease(this, messagesApplied + 1);
        JOURNAL_RECORDS_SKIPPED.setRelease(this, journal.recordsSkipped());
        APPLIED_POSITION.setRelease(this, position);
    }

    private void reply(final ClientSession session, final int length)
    {
        long result = session.offer(reply, 0, length);
        for (int attempt = 0; result == Publication.ADMIN_ACTION && attempt < 3; attempt++)
        {
            result = session.offer(reply, 0, length); // a term rotation: the next offer goes through
        }
        if (result < 0)
        {
            repliesDropped++;
            if ((repliesDropped & (repliesDropped - 1)) == 0) // 1st, 2nd, 4th, 8th ...: visible, never a flood
            {
                LOG.warn("shard {}: reply to session {} dropped ({}); {} dropped so far, the client resends",
                    shardId, session.id(), Publication.errorString(result), repliesDropped);
            }
        }
    }
}
