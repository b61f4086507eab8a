package io.flashsale.bench.loadgen;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.flashsale.client.HttpResponseParser;
import io.flashsale.client.JsonScan;
import io.flashsale.client.Outcome;
import io.flashsale.client.RequestWriter;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;

/**
 * One client event loop's share of the load: every {@code stride}-th arrival of the schedule, its connections, its
 * buyers' follow-ups (retries, resubmissions, payments, cancellations) and its statistics.
 * <p>
 * Open loop: a pacing tick on the event loop sends every request whose intended time has come, on any connection
 * with room; when all are busy the requests wait, keep their intended time, and go as soon as an answer frees a
 * connection. Latency is always answer time minus intended time, so a stalled server or a saturated client shows
 * up in the percentiles instead of silently lowering the rate (no coordinated omission).
 * <p>
 * Threading: everything except {@link #isFinished()} runs on {@link #loop()}.
 */
final class LoadWorker
{
    /**
     * SKU id no sale uses: warm-up buys go to it, tagged {@code X-Flashsale-Traffic: warmup} (kept out of the node's
     * buyer figures), and are refused UNKNOWN_SKU, touching no stock.
     */
    static final long WARMUP_SKU = 999_999_999_999L;

    private static final long RECONNECT_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final LoadPlan plan;
    private final SkuTable skus;
    private final ZipfSampler zipf;
    private final EventLoop loop;
    private final Class<? extends Channel> channelType;
    private final RequestWriter writer;
    private final RateSchedule.Cursor cursor;
    private final SplittableRandom random;
    private final LiveStats live;
    private final WorkerStats stats;
    private final OrderLedger ledger = new OrderLedger();
    private final ClientConnection[] connections;
    private final ArrayDeque<ClientConnection> ready;
    private final List<ClientConnection> touched;
    private final FollowUpQueue followUps = new FollowUpQueue();
    private final ArrayDeque<Exchange> pool = new ArrayDeque<>();
    private final Part part;
    private final long partUsers;
    private final long botBase;
    private final long botCount;
    private final boolean warmup;
    private long startNanos;
    private long scheduleEndNanos;
    private long drainEndNanos;
    private int inflightTotal;
    private boolean stopping;
    private volatile boolean finished;
    private Future<?> ticker;
    private final Runnable duePump = this::pumpWhenDue;
    private long armedNanos = Long.MAX_VALUE;

    LoadWorker(
        final LoadPlan plan,
        final SkuTable skus,
        final EventLoop loop,
        final Class<? extends Channel> channelType,
        final int index,
        final int connectionCount,
        final LiveStats live,
        final boolean warmup)
    {
        this.warmup = warmup;
        this.plan = plan;
        this.skus = skus;
        this.zipf = new ZipfSampler(skus.size(), plan.zipfExponent());
        this.loop = loop;
        this.channelType = channelType;
        this.writer = new RequestWriter(plan.host() + ":" + plan.port(), plan.runTag());
        this.part = plan.part();
        this.cursor = plan.schedule().cursor(part.index() - 1 + (long)part.count() * index,
            (long)part.count() * plan.threads());
        this.random = new SplittableRandom(plan.seed() * 31 + part.index() * 1_000_003L + index);
        this.live = live;
        this.stats = new WorkerStats(skus.size());
        this.connections = new ClientConnection[connectionCount];
        this.ready = new ArrayDeque<>(connectionCount);
        this.touched = new ArrayList<>(connectionCount);
        for (int i = 0; i < connectionCount; i++)
        {
            connections[i] = new ClientConnection(this, plan.pipeline());
        }
        this.partUsers = plan.partUsers();
        this.botCount = Math.max(1, partUsers / 1000);
        this.botBase = plan.users();
    }

    EventLoop loop()
    {
        return loop;
    }

    WorkerStats stats()
    {
        return stats;
    }

    OrderLedger ledger()
    {
        return ledger;
    }

    RequestWriter writer()
    {
        return writer;
    }

    boolean isFinished()
    {
        return finished;
    }

    /**
     * Open every connection; blocks the calling (non event-loop) thread until all are up.
     */
    void connect()
    {
        final List<ChannelFuture> futures = new ArrayList<>();
        for (final ClientConnection connection : connections)
        {
            futures.add(connect(connection));
        }
        for (final ChannelFuture future : futures)
        {
            future.syncUninterruptibly();
        }
    }

    private ChannelFuture connect(final ClientConnection connection)
    {
        final Bootstrap bootstrap = new Bootstrap()
            .group(loop)
            .channel(channelType)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
            .handler(new ChannelInitializer<Channel>()
            {
                @Override
                protected void initChannel(final Channel ch)
                {
                    ch.pipeline().addLast(new HttpResponseParser(connection), connection);
                }
            });
        final ChannelFuture future = bootstrap.connect(plan.host(), plan.port());
        connection.channel = future.channel();
        future.addListener(f ->
        {
            if (f.isSuccess())
            {
                makeReady(connection);
            }
            else if (!stopping)
            {
                loop.schedule(() -> reconnect(connection), RECONNECT_DELAY_NANOS, TimeUnit.NANOSECONDS);
            }
        });
        return future;
    }

    private void reconnect(final ClientConnection connection)
    {
        if (!stopping && !finished)
        {
            connect(connection);
        }
    }

    /**
     * Start pacing; safe from any thread.
     *
     * @param runStartNanos {@link System#nanoTime()} at which arrival time 0 falls.
     */
    void start(final long runStartNanos)
    {
        loop.execute(() ->
        {
            startNanos = runStartNanos;
            scheduleEndNanos = runStartNanos + plan.schedule().durationNanos();
            drainEndNanos = scheduleEndNanos + plan.drainNanos();
            ticker = loop.scheduleAtFixedRate(this::pump, Math.max(0, runStartNanos - System.nanoTime()),
                plan.tickNanos(), TimeUnit.NANOSECONDS);
        });
    }

    /**
     * Stop pacing and close the connections; safe from any thread.
     *
     * @return completes when done.
     */
    Future<?> stop()
    {
        return loop.submit(() ->
        {
            stopping = true;
            finished = true;
            if (ticker != null)
            {
                ticker.cancel(false);
            }
            for (final ClientConnection connection : connections)
            {
                if (connection.channel != null)
                {
                    connection.channel.close();
                }
            }
        });
    }

    /**
     * Send everything that is due, as far as connections allow, then flush once.
     */
    void pump()
    {
        if (finished || ticker == null)
        {
            return;
        }
        final long now = System.nanoTime();
        if (now > drainEndNanos)
        {
            abandonFollowUps();
        }
        while (true)
        {
            final long arrivalDue = cursor.hasNext() ? startNanos + cursor.peekIntendedNanos() : Long.MAX_VALUE;
            final Exchange next = followUps.peek();
            final long followDue = next == null ? Long.MAX_VALUE : next.intendedNanos;
            if (Math.min(arrivalDue, followDue) > now)
            {
                break;
            }
            final ClientConnection connection = readyConnection();
            if (connection == null)
            {
                break;
            }
            send(connection, arrivalDue <= followDue ? nextArrival(arrivalDue) : followUps.poll(), now);
        }
        flushTouched();
        if (!cursor.hasNext() && followUps.isEmpty() && inflightTotal == 0 && now >= scheduleEndNanos)
        {
            finished = true;
            ticker.cancel(false);
            return;
        }
        armForNextDue(now);
    }

    private void pumpWhenDue()
    {
        armedNanos = Long.MAX_VALUE;
        pump();
    }

    /**
     * Wake the loop when the next arrival or follow-up is due, not only at the next tick: the tick alone makes every
     * send late by up to a tick. One wake-up is pending at a time, for the earliest due send; one that is due already
     * (it waited for a connection) is pumped as soon as a connection can take it.
     */
    private void armForNextDue(final long now)
    {
        if (finished || ticker == null)
        {
            return;
        }
        final long arrivalDue = cursor.hasNext() ? startNanos + cursor.peekIntendedNanos() : Long.MAX_VALUE;
        final Exchange next = followUps.peek();
        final long due = Math.min(arrivalDue, next == null ? Long.MAX_VALUE : next.intendedNanos);
        if (due == Long.MAX_VALUE || due >= armedNanos || (due <= now && readyConnection() == null))
        {
            return; // nothing to send, a wake-up for it is pending, or it waits for a connection's answer
        }
        armedNanos = due;
        loop.schedule(duePump, Math.max(0, due - now), TimeUnit.NANOSECONDS);
    }

    private ClientConnection readyConnection()
    {
        ClientConnection connection = ready.peekFirst();
        while (connection != null && !connection.hasCapacity())
        {
            ready.pollFirst();
            connection.queued = false;
            connection = ready.peekFirst();
        }
        return connection;
    }

    private void makeReady(final ClientConnection connection)
    {
        if (!connection.queued && connection.hasCapacity())
        {
            connection.queued = true;
            ready.addLast(connection);
        }
    }

    private Exchange nextArrival(final long intendedNanos)
    {
        final Exchange x = obtain();
        x.intendedNanos = intendedNanos;
        x.request = cursor.arrival();
        cursor.advance();
        final double hour = plan.schedule().saleHour(intendedNanos - startNanos);
        final SalePhase phase = SalePhase.of(hour);
        x.phase = phase.ordinal();
        stats.arrivalsByPhase[x.phase]++;
        if (phase == SalePhase.PRE_SALE)
        {
            x.kind = warmup && (x.request & 1) == 1 ? RequestKind.BUY : RequestKind.BROWSE;
            x.skuIndex = x.kind == RequestKind.BUY ? -1 : zipf.sample(random);
            x.user = part.member(random.nextLong(partUsers));
            x.qty = 1;
            return x;
        }
        x.kind = RequestKind.BUY;
        if (random.nextDouble() < plan.botShare())
        {
            final long bot = part.member(random.nextLong(botCount));
            x.user = botBase + bot;
            x.skuIndex = (int)((bot * 7919) % skus.size());
            x.qty = skus.limit(x.skuIndex);
            x.retrier = true;
            return x;
        }
        x.user = part.member(random.nextLong(partUsers));
        x.skuIndex = zipf.sample(random);
        x.qty = skus.limit(x.skuIndex) >= 2 && random.nextInt(10) == 0 ? 2 : 1;
        x.retrier = random.nextDouble() < plan.retryShare();
        x.resubmitter = random.nextDouble() < plan.resubmitShare();
        return x;
    }

    private void send(final ClientConnection connection, final Exchange x, final long now)
    {
        final Channel channel = connection.channel;
        final ByteBuf buf = channel.alloc().ioBuffer(320);
        switch (x.kind)
        {
            case BUY:
            case RESUBMIT:
                if (x.skuIndex < 0)
                {
                    writer.writeWarmUpBuy(buf, WARMUP_SKU, x.user, x.qty, x.request);
                }
                else
                {
                    writer.writeBuy(buf, skus.id(x.skuIndex), x.user, x.qty, x.request);
                }
                break;
            case PAY:
            case CANCEL:
                writer.writeOrderAction(buf, ledger.orderId(x.orderSlot), x.user, x.kind == RequestKind.PAY);
                break;
            default:
                writer.writeGetSku(buf, skus.id(x.skuIndex));
                break;
        }
        x.sentNanos = now;
        connection.push(x);
        inflightTotal++;
        channel.write(buf, channel.voidPromise());
        if (!connection.touched)
        {
            connection.touched = true;
            touched.add(connection);
        }
        stats.sent++;
        live.onSent();
        stats.recordSendLag(now - x.intendedNanos);
        if (!connection.hasCapacity())
        {
            ready.pollFirst();
            connection.queued = false;
        }
        else
        {
            ready.addLast(ready.pollFirst());
        }
    }

    private void flushTouched()
    {
        for (int i = 0, n = touched.size(); i < n; i++)
        {
            final ClientConnection connection = touched.get(i);
            connection.touched = false;
            connection.channel.flush();
        }
        touched.clear();
    }

    void onResponse(final ClientConnection connection, final Exchange x, final int status, final ByteBuf body)
    {
        final long now = System.nanoTime();
        inflightTotal--;
        final Outcome outcome = classify(x.kind, status, body);
        final long latencyNanos = now - x.intendedNanos;
        stats.record(x.kind, x.phase, outcome, latencyNanos);
        live.onResponse(x.kind, outcome, latencyNanos);
        if (!act(x, outcome, body, now))
        {
            release(x);
        }
        makeReady(connection);
        armForNextDue(now);
    }

    static Outcome classify(final RequestKind kind, final int status, final ByteBuf body)
    {
        if (status == 201)
        {
            return Outcome.RESERVED;
        }
        if (status == 200)
        {
            switch (kind)
            {
                case PAY:
                    return Outcome.PAID;
                case CANCEL:
                    return Outcome.CANCELLED;
                case BROWSE:
                    return Outcome.BROWSED;
                default:
                    return JsonScan.isTrue(body, JsonScan.DUPLICATE) ? Outcome.DUPLICATE : Outcome.HTTP_OTHER;
            }
        }
        return Outcome.ofError(status, body);
    }

    private boolean act(final Exchange x, final Outcome outcome, final ByteBuf body, final long now)
    {
        final boolean shed = outcome == Outcome.OVERLOADED || outcome == Outcome.UNAVAILABLE;
        switch (x.kind)
        {
            case BUY:
                return onBuyAnswer(x, outcome, body, now, shed);
            case RESUBMIT:
                return onResubmitAnswer(x, outcome, body, now, shed);
            case PAY:
            case CANCEL:
                if (shed && x.attempt < plan.maxRetries())
                {
                    retry(x, now);
                    return true;
                }
                final byte settled = x.kind == RequestKind.PAY ? OrderLedger.PAID : OrderLedger.CANCELLED;
                ledger.state(x.orderSlot, outcome.success() ? settled : OrderLedger.UNKNOWN);
                return false;
            default:
                return false;
        }
    }

    private boolean onBuyAnswer(
        final Exchange x, final Outcome outcome, final ByteBuf body, final long now, final boolean shed)
    {
        if (outcome == Outcome.RESERVED || outcome == Outcome.DUPLICATE)
        {
            final int slot = ledger.add(JsonScan.longField(body, JsonScan.ORDER_ID), x.skuIndex, x.user, x.qty,
                x.request);
            if (outcome == Outcome.DUPLICATE)
            {
                stats.violation("requestId " + writer.requestId(x.request) + ": answered 503, then an order existed");
            }
            live.soldOut(x.skuIndex, false);
            planFollowUps(x, slot, now);
        }
        else if (outcome == Outcome.SOLD_OUT)
        {
            live.soldOut(x.skuIndex, true);
        }
        else if (shed && x.retrier && x.attempt < plan.maxRetries())
        {
            retry(x, now);
            return true;
        }
        return false;
    }

    private boolean onResubmitAnswer(
        final Exchange x, final Outcome outcome, final ByteBuf body, final long now, final boolean shed)
    {
        if (shed && x.attempt < plan.maxRetries())
        {
            retry(x, now);
            return true;
        }
        if (shed)
        {
            return false;
        }
        stats.duplicateChecks++;
        final long expected = ledger.orderId(x.orderSlot);
        if (outcome == Outcome.DUPLICATE)
        {
            final long got = JsonScan.longField(body, JsonScan.ORDER_ID);
            if (got != expected)
            {
                stats.violation("requestId " + writer.requestId(x.request) + ": first order " + expected +
                    ", resubmission returned order " + got);
            }
        }
        else if (outcome == Outcome.RESERVED)
        {
            final long second = JsonScan.longField(body, JsonScan.ORDER_ID);
            ledger.add(second, x.skuIndex, x.user, x.qty, x.request);
            stats.violation("requestId " + writer.requestId(x.request) + ": two orders, " + expected + " and " +
                second);
        }
        else
        {
            stats.violation("requestId " + writer.requestId(x.request) + ": resubmission answered " + outcome +
                " instead of order " + expected);
        }
        return false;
    }

    private void planFollowUps(final Exchange x, final int slot, final long now)
    {
        if (x.resubmitter)
        {
            final Exchange r = followUp(RequestKind.RESUBMIT, x, slot, now + plan.resubmitDelayNanos());
            r.skuIndex = x.skuIndex;
            r.qty = x.qty;
            r.request = x.request;
            followUps.add(r);
        }
        final double roll = random.nextDouble();
        if (roll < plan.payShare() + plan.cancelShare())
        {
            final RequestKind kind = roll < plan.payShare() ? RequestKind.PAY : RequestKind.CANCEL;
            final long delay = (long)(plan.payDelayNanos() * (0.5 + random.nextDouble()));
            followUps.add(followUp(kind, x, slot, now + delay));
        }
    }

    private Exchange followUp(final RequestKind kind, final Exchange origin, final int slot, final long at)
    {
        final Exchange f = obtain();
        f.kind = kind;
        f.user = origin.user;
        f.orderSlot = slot;
        f.intendedNanos = at;
        f.phase = phaseAt(at);
        return f;
    }

    private void retry(final Exchange x, final long now)
    {
        x.attempt++;
        stats.retries++;
        x.intendedNanos = now + (plan.retryBackoffNanos() << (x.attempt - 1));
        x.phase = phaseAt(x.intendedNanos);
        followUps.add(x);
    }

    private int phaseAt(final long nanos)
    {
        return SalePhase.of(plan.schedule().saleHour(nanos - startNanos)).ordinal();
    }

    private void abandonFollowUps()
    {
        Exchange x;
        while ((x = followUps.poll()) != null)
        {
            stats.abandoned++;
            release(x);
        }
    }

    void onConnectionLost(final ClientConnection connection)
    {
        final long now = System.nanoTime();
        Exchange x;
        while ((x = connection.poll()) != null)
        {
            inflightTotal--;
            final long latencyNanos = now - x.intendedNanos;
            stats.record(x.kind, x.phase, Outcome.CONNECTION_ERROR, latencyNanos);
            live.onResponse(x.kind, Outcome.CONNECTION_ERROR, latencyNanos);
            if (x.kind == RequestKind.BUY)
            {
                stats.unknownBuys++;
                stats.unknownUnits[x.skuIndex] += x.qty;
            }
            else if (x.kind == RequestKind.PAY || x.kind == RequestKind.CANCEL)
            {
                ledger.state(x.orderSlot, OrderLedger.UNKNOWN);
            }
            release(x);
        }
        if (connection.queued)
        {
            ready.remove(connection);
            connection.queued = false;
        }
        if (!stopping)
        {
            loop.schedule(() -> reconnect(connection), RECONNECT_DELAY_NANOS, TimeUnit.NANOSECONDS);
        }
    }

    void onProtocolError(final ClientConnection connection)
    {
        stats.protocolErrors++;
        connection.channel.close();
    }

    private Exchange obtain()
    {
        final Exchange x = pool.pollFirst();
        if (x != null)
        {
            return x;
        }
        final Exchange fresh = new Exchange();
        fresh.clear();
        return fresh;
    }

    private void release(final Exchange x)
    {
        x.clear();
        pool.addFirst(x);
    }
}
