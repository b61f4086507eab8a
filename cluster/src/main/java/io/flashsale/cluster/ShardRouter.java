package io.flashsale.cluster;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.LangUtil;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.flashsale.cluster.config.ClusterConfig;
import io.flashsale.engine.command.CommandType;
import io.flashsale.engine.command.EngineEvent;
import io.flashsale.engine.command.ResultCode;
import io.flashsale.engine.metrics.EngineCounters;
import io.flashsale.engine.pipeline.CommandPublisher;
import io.flashsale.engine.pipeline.ResultSink;

/**
 * The gateway's side of cluster mode: callers publish commands on a ring ({@link #publisher()}, {@code tryNext}, a
 * full ring is refused at the door) and ONE router thread owns one cluster client per shard. It takes each command off
 * the ring, sends it to the shard that owns it (BUY, QUERY_SKU, RESTOCK, ADD_SKU by the {@link ShardMap}; PAY, CANCEL,
 * QUERY_ORDER by the shard the order id carries; DEFINE_SALE and LABEL to every shard, answered once when all
 * answered), keeps it until its result arrives, and hands the result to the {@link ResultSink} with the caller's reply
 * target, as the single-node engine does.
 * <p>
 * A result arrives only after the shard's cluster committed the command (a majority of its members logged it).
 * Commands outstanding when a shard elects a new leader, reconnects, or leaves a command unanswered for the resend
 * interval are sent again with the same content: a buy carries the buyer's request id and the engine answers a repeat
 * with the first outcome; pay and cancel answer a repeat of a done transition with the order. So a buy whose first
 * copy was committed but whose answer was lost (the leader died before answering, a reply dropped under back
 * pressure) is answered with its order flagged {@code duplicate}: 200, the same order, never a second reservation.
 * A command still unanswered after the unavailable bound (default 5 s) is answered UNAVAILABLE: never a hang. A shard
 * that cannot be reached affects only its own commands.
 * <p>
 * In flight at most {@code maxInFlight} commands; when that many wait, the router stops taking from the ring, which
 * fills and refuses at the door. Allocation-free per command on the router thread.
 */
public final class ShardRouter implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ShardRouter.class);
    private static final long FREE = 0;
    private static final int NO_GROUP = -1;
    private static final long SCAN_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(2);

    /** Per-shard statistics, indices into {@link #shardStats}. */
    private static final int STAT_IN_FLIGHT = 0;
    private static final int STAT_ANSWERED = 1;
    private static final int STAT_RESENT = 2;
    private static final int STAT_UNAVAILABLE = 3;
    private static final int STATS = 4;

    /**
     * Router settings.
     *
     * @param ringSize           ring slots (power of two).
     * @param maxInFlight        commands waiting for a shard at most (power of two).
     * @param resendAfterMs      an unanswered command is sent again after this long.
     * @param unavailableAfterMs a command unanswered this long is answered UNAVAILABLE.
     * @param egressHost         the address the shards' members send results to (this host as they reach it).
     * @param aeronDirectory     the gateway's media driver directory.
     */
    public record Settings(
        int ringSize,
        int maxInFlight,
        long resendAfterMs,
        long unavailableAfterMs,
        String egressHost,
        String aeronDirectory)
    {
    }

    private final ClusterConfig config;
    private final ShardMap shardMap;
    private final ResultSink sink;
    private final Settings settings;
    private final RingBuffer<EngineEvent> ring;
    private final EventPoller<EngineEvent> poller;
    private final CommandPublisher publisher;
    private final EngineCounters counters = new EngineCounters();
    private final MediaDriver driver;
    private final Aeron aeron;
    private final ShardLink[] links;
    private final AtomicLongArray shardStats;
    private final AgentRunner runner;

    // pending table: router thread only
    private final int mask;
    private final long[] pendingCorrelation;
    private final Object[] pendingReplyTo;
    private final long[] pendingClientCorrelation;
    private final long[] pendingPublishNanos;
    private final long[] pendingCreatedNs;
    private final long[] pendingSentNs;
    private final int[] pendingShard;
    private final int[] pendingLength;
    private final byte[] pendingType;
    private final int[] pendingGroup;
    private final int[] groupRemaining;
    private final byte[] groupWorst;
    private final boolean[] pendingAnswered;
    private final byte[] commandBytes;
    private final UnsafeBuffer command = new UnsafeBuffer(0, 0);
    private final ClusterResult result = new ClusterResult();
    private final EventPoller.Handler<EngineEvent> handler = this::onEvent;
    private final long resendAfterNs;
    private final long unavailableAfterNs;
    private long nextCorrelation = 1;
    private long oldestCorrelation = 1;
    private long lastScanNs;
    private int answeredThisCycle;
    private boolean sendNow;

    private ShardRouter(
        final ClusterConfig config, final ShardMap shardMap, final ResultSink sink, final Settings settings)
    {
        if (shardMap.shardCount() != config.shards().size())
        {
            throw new IllegalArgumentException("the sale's shard map (version " + shardMap.version() + ") spreads " +
                "SKUs over " + shardMap.shardCount() + " shard(s) but the cluster file names " +
                config.shards().size());
        }
        final int shards = config.shards().size();
        if (Integer.bitCount(settings.maxInFlight()) != 1 || settings.maxInFlight() < 2 * shards)
        {
            throw new IllegalArgumentException("maxInFlight must be a power of two of at least 2 x shards, got " +
                settings.maxInFlight());
        }
        this.config = config;
        this.shardMap = shardMap;
        this.sink = sink;
        this.settings = settings;
        this.resendAfterNs = TimeUnit.MILLISECONDS.toNanos(settings.resendAfterMs());
        this.unavailableAfterNs = TimeUnit.MILLISECONDS.toNanos(settings.unavailableAfterMs());
        ring = RingBuffer.createMultiProducer(EngineEvent::new, settings.ringSize(), new BusySpinWaitStrategy());
        poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
        publisher = new CommandPublisher(ring, SystemEpochClock.INSTANCE, counters);

        final int capacity = settings.maxInFlight();
        mask = capacity - 1;
        pendingCorrelation = new long[capacity];
        pendingReplyTo = new Object[capacity];
        pendingClientCorrelation = new long[capacity];
        pendingPublishNanos = new long[capacity];
        pendingCreatedNs = new long[capacity];
        pendingSentNs = new long[capacity];
        pendingShard = new int[capacity];
        pendingLength = new int[capacity];
        pendingType = new byte[capacity];
        pendingGroup = new int[capacity];
        groupRemaining = new int[capacity];
        groupWorst = new byte[capacity];
        pendingAnswered = new boolean[capacity];
        commandBytes = new byte[capacity * CommandDescriptor.MAX_LENGTH];
        shardStats = new AtomicLongArray(shards * STATS);

        driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(settings.aeronDirectory())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy())
            .termBufferSparseFile(true)
            .publicationTermBufferLength(256 * 1024)
            .ipcTermBufferLength(256 * 1024)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        Aeron client = null;
        try
        {
            client = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            aeron = client;
            links = new ShardLink[shards];
            for (int shard = 0; shard < shards; shard++)
            {
                links[shard] = new ShardLink(shard, this, aeron, config.ingressEndpoints(shard),
                    settings.egressHost(), settings.unavailableAfterMs());
            }
            runner = new AgentRunner(new BackoffIdleStrategy(1, 10, 1_000, 1_000_000), this::onError, null,
                new RouterAgent());
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(client, driver);
            throw ex;
        }
    }

    /**
     * Start the router thread; it connects to every shard in the background.
     *
     * @param config   the cluster file.
     * @param shardMap which shard owns which SKU; spreads over as many shards as the file names.
     * @param sink     receives every result with the caller's reply target, on the router thread.
     * @param settings ring, in-flight bound, resend and unavailable bounds, egress address, driver directory.
     * @return the running router.
     */
    public static ShardRouter start(
        final ClusterConfig config, final ShardMap shardMap, final ResultSink sink, final Settings settings)
    {
        final ShardRouter router = new ShardRouter(config, shardMap, sink, settings);
        AgentRunner.startOnThread(router.runner, r -> new Thread(r, "flashsale-router"));
        return router;
    }

    /**
     * @return the callers' port (any thread, never blocks).
     */
    public CommandPublisher publisher()
    {
        return publisher;
    }

    /**
     * @return ring-full refusals and the like, counted at the door.
     */
    public EngineCounters counters()
    {
        return counters;
    }

    /**
     * @return the cluster file the router serves.
     */
    public ClusterConfig config()
    {
        return config;
    }

    /**
     * @return the shard map it routes by.
     */
    public ShardMap shardMap()
    {
        return shardMap;
    }

    /**
     * @return the router's settings.
     */
    public Settings settings()
    {
        return settings;
    }

    /**
     * @param shard a shard id.
     * @return what the router knows of that shard now (any thread).
     */
    public ShardStatus status(final int shard)
    {
        final ShardLink link = links[shard];
        final int base = shard * STATS;
        return new ShardStatus(shard, link.connected(), link.leaderMemberId(), link.leadershipTermId(),
            link.newLeaderEvents(), link.connects(), shardStats.get(base + STAT_IN_FLIGHT),
            shardStats.get(base + STAT_ANSWERED), shardStats.get(base + STAT_RESENT),
            shardStats.get(base + STAT_UNAVAILABLE));
    }

    /**
     * Stop the router thread, then close the clients and the media driver. Commands still waiting are not answered.
     */
    @Override
    public void close()
    {
        CloseHelper.closeAll(runner);
        for (final ShardLink link : links)
        {
            link.close();
        }
        CloseHelper.closeAll(aeron, driver);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // router thread

    private int doWork()
    {
        final long now = System.nanoTime();
        int work = 0;
        answeredThisCycle = 0;
        if (hasRoomFor(config.shards().size()))
        {
            try
            {
                work += poller.poll(handler) == EventPoller.PollState.PROCESSING ? 1 : 0;
            }
            catch (final Exception ex)
            {
                LangUtil.rethrowUnchecked(ex);
            }
        }
        for (final ShardLink link : links)
        {
            work += link.poll(now);
        }
        if (sendNow || now - lastScanNs >= SCAN_INTERVAL_NS)
        {
            sendNow = false;
            lastScanNs = now;
            work += scan(now);
        }
        if (answeredThisCycle > 0)
        {
            sink.onEndOfBatch(); // one end of batch per cycle: each event loop's queue schedules one drain
            work += answeredThisCycle;
        }
        return work;
    }

    private boolean onEvent(final EngineEvent event, final long sequence, final boolean endOfBatch)
    {
        final CommandType type = event.type();
        final Object replyTo = event.replyTo();
        if (replyTo == null)
        {
            return hasRoomFor(links.length);
        }
        final long now = System.nanoTime();
        switch (type)
        {
            case BUY:
            case QUERY_SKU:
            case RESTOCK:
            case ADD_SKU:
                take(event, shardMap.shardOf(event.skuId()), NO_GROUP, now);
                break;
            case PAY:
            case CANCEL:
            case QUERY_ORDER:
            {
                final int shard = ShardOrderIds.shard(event.orderId());
                if (shard == ShardOrderIds.NO_SHARD || shard >= links.length)
                {
                    answerLocally(type, ResultCode.UNKNOWN_ORDER, replyTo, event.correlationId(),
                        event.publishNanos());
                }
                else
                {
                    take(event, shard, NO_GROUP, now);
                }
                break;
            }
            case DEFINE_SALE:
            case LABEL:
            {
                final int leader = (int)(nextCorrelation & mask);
                groupRemaining[leader] = links.length;
                groupWorst[leader] = (byte)ResultCode.OK.ordinal();
                for (int shard = 0; shard < links.length; shard++)
                {
                    take(event, shard, leader, now);
                }
                break;
            }
            default:
                answerLocally(type, ResultCode.INVALID, replyTo, event.correlationId(), event.publishNanos());
                break;
        }
        return hasRoomFor(links.length);
    }

    private boolean hasRoomFor(final int commands)
    {
        for (int i = 0; i < commands; i++)
        {
            if (pendingCorrelation[(int)((nextCorrelation + i) & mask)] != FREE)
            {
                return false;
            }
        }
        return true;
    }

    private void take(final EngineEvent event, final int shard, final int group, final long now)
    {
        final long correlation = nextCorrelation++;
        final int slot = (int)(correlation & mask);
        command.wrap(commandBytes, slot * CommandDescriptor.MAX_LENGTH, CommandDescriptor.MAX_LENGTH);
        final int length = CommandCodec.encode(event, correlation, command);
        pendingCorrelation[slot] = correlation;
        pendingReplyTo[slot] = event.replyTo();
        pendingClientCorrelation[slot] = event.correlationId();
        pendingPublishNanos[slot] = event.publishNanos();
        pendingCreatedNs[slot] = now;
        pendingSentNs[slot] = 0;
        pendingShard[slot] = shard;
        pendingLength[slot] = length;
        pendingType[slot] = (byte)event.type().ordinal();
        pendingGroup[slot] = group;
        pendingAnswered[slot] = false;
        statAdd(shard, STAT_IN_FLIGHT, 1);
        send(slot, now);
    }

    private boolean send(final int slot, final long now)
    {
        final ShardLink link = links[pendingShard[slot]];
        command.wrap(commandBytes, slot * CommandDescriptor.MAX_LENGTH, CommandDescriptor.MAX_LENGTH);
        if (link.offer(command, pendingLength[slot]))
        {
            if (pendingSentNs[slot] != 0)
            {
                statAdd(pendingShard[slot], STAT_RESENT, 1);
            }
            pendingSentNs[slot] = now;
            return true;
        }
        return false;
    }

    /**
     * Resend what waited too long or was never sent, answer UNAVAILABLE what waited past the bound, and advance the
     * oldest correlation past freed slots.
     */
    private int scan(final long now)
    {
        int work = 0;
        while (oldestCorrelation < nextCorrelation &&
            pendingCorrelation[(int)(oldestCorrelation & mask)] != oldestCorrelation)
        {
            oldestCorrelation++;
        }
        for (long correlation = oldestCorrelation; correlation < nextCorrelation; correlation++)
        {
            final int slot = (int)(correlation & mask);
            if (pendingCorrelation[slot] != correlation || pendingAnswered[slot])
            {
                continue;
            }
            if (now - pendingCreatedNs[slot] >= unavailableAfterNs)
            {
                complete(slot, ResultCode.UNAVAILABLE, null, 0);
                statAdd(pendingShard[slot], STAT_UNAVAILABLE, 1);
                work++;
            }
            else if ((pendingSentNs[slot] == 0 || now - pendingSentNs[slot] >= resendAfterNs) &&
                links[pendingShard[slot]].connected())
            {
                work += send(slot, now) ? 1 : 0;
            }
        }
        return work;
    }

    /**
     * A result from a shard's egress (router thread, from {@link ShardLink#poll}).
     */
    void onResult(final int shard, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < ResultDescriptor.LENGTH)
        {
            return;
        }
        final long correlation = ResultCodec.correlationId(buffer, offset);
        final int slot = (int)(correlation & mask);
        if (correlation <= 0 || pendingCorrelation[slot] != correlation || pendingAnswered[slot] ||
            pendingShard[slot] != shard)
        {
            return; // an answer to a resend whose first answer was already delivered
        }
        statAdd(shard, STAT_ANSWERED, 1);
        complete(slot, ResultCodec.result(buffer, offset), buffer, offset);
    }

    /**
     * Answer a waiting command: with the shard's result as it came (egress not null), or with a code alone. A member
     * of a broadcast group only counts down; the group is answered once, when every shard answered, with the first
     * code that was not OK (or OK).
     */
    private void complete(final int slot, final ResultCode code, final DirectBuffer egress, final int egressOffset)
    {
        final int group = pendingGroup[slot];
        if (group == NO_GROUP)
        {
            if (egress != null)
            {
                deliver(result.wrap(egress, egressOffset, pendingReplyTo[slot], pendingClientCorrelation[slot],
                    pendingPublishNanos[slot]));
            }
            else
            {
                deliver(result.local(CommandType.of(pendingType[slot]), code, pendingReplyTo[slot],
                    pendingClientCorrelation[slot], pendingPublishNanos[slot]));
            }
            free(slot);
            return;
        }
        pendingAnswered[slot] = true;
        if (code != ResultCode.OK && groupWorst[group] == ResultCode.OK.ordinal())
        {
            groupWorst[group] = (byte)code.ordinal();
        }
        if (--groupRemaining[group] == 0)
        {
            deliver(result.local(CommandType.of(pendingType[group]), ResultCode.of(groupWorst[group]),
                pendingReplyTo[group], pendingClientCorrelation[group], pendingPublishNanos[group]));
            final long first = pendingCorrelation[group];
            for (int i = 0; i < links.length; i++)
            {
                free((int)((first + i) & mask));
            }
        }
    }

    private void deliver(final ClusterResult answer)
    {
        sink.onResult(answer);
        answeredThisCycle++;
    }

    private void free(final int slot)
    {
        statAdd(pendingShard[slot], STAT_IN_FLIGHT, -1);
        pendingCorrelation[slot] = FREE;
        pendingReplyTo[slot] = null;
    }

    private void answerLocally(
        final CommandType type, final ResultCode code, final Object replyTo, final long correlationId,
        final long publishNanos)
    {
        deliver(result.local(type, code, replyTo, correlationId, publishNanos));
    }

    /**
     * The shard's client connected, reconnected or heard of a new leader: send every waiting command of the shard
     * again at the next duty cycle (router thread).
     */
    void resendAll(final int shard)
    {
        for (long correlation = oldestCorrelation; correlation < nextCorrelation; correlation++)
        {
            final int slot = (int)(correlation & mask);
            if (pendingCorrelation[slot] == correlation && pendingShard[slot] == shard && !pendingAnswered[slot] &&
                pendingSentNs[slot] != 0)
            {
                pendingSentNs[slot] = 1; // due now; counted as a resend when sent
            }
        }
        sendNow = true;
    }

    private void statAdd(final int shard, final int stat, final long delta)
    {
        final int index = shard * STATS + stat;
        shardStats.lazySet(index, shardStats.get(index) + delta);
    }

    private void onError(final Throwable ex)
    {
        LOG.warn("router: {}", ex.toString());
    }

    private final class RouterAgent implements Agent
    {
        @Override
        public int doWork()
        {
            return ShardRouter.this.doWork();
        }

        @Override
        public String roleName()
        {
            return "flashsale-router";
        }
    }
}
