package io.flashsale.bench.loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

import io.flashsale.client.GatewayClient;
import io.flashsale.client.Outcome;
import io.flashsale.client.SkuState;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Runs one load-generator plan against a gateway: learns the SKUs, opens the connections, paces the schedule on the
 * client event loops, reports progress, waits for the drain, then audits. One run per instance; the calling thread
 * blocks in {@link #run()}.
 */
public final class LoadGenerator
{
    private static final long SETTLE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final LoadPlan plan;
    private final Path reportDir;
    private final String name;
    private final PrintStream out;
    private final String progress;
    private final boolean audit;
    private long warmupNanos;
    private boolean warmupRun;

    /**
     * @param plan      what to run.
     * @param reportDir where the {@code .hlog} goes (created if missing).
     * @param name      file name stem of this run's outputs.
     * @param out       where progress and messages go.
     * @param progress  {@code auto} (redraw on a terminal, plain lines otherwise), {@code line} or {@code off}.
     * @param audit     true to audit the server's stock at the end.
     */
    public LoadGenerator(
        final LoadPlan plan,
        final Path reportDir,
        final String name,
        final PrintStream out,
        final String progress,
        final boolean audit)
    {
        this.plan = plan;
        this.reportDir = reportDir;
        this.name = name;
        this.out = out;
        this.progress = progress;
        this.audit = audit;
    }

    /**
     * Warm the client and the node before the measured run, at half the peak rate, not recorded in the results and
     * touching no stock: product-page reads alternating with buys of a SKU no sale has (refused UNKNOWN_SKU by the
     * engine), so the first measured seconds are not the JIT's.
     *
     * @param nanos warm-up length, 0 for none.
     * @return this.
     */
    public LoadGenerator warmup(final long nanos)
    {
        this.warmupNanos = nanos;
        return this;
    }

    /**
     * @return the run's measurements and audit verdict.
     * @throws IOException if the gateway cannot be reached or outputs cannot be written.
     */
    public RunResult run() throws IOException
    {
        if (warmupNanos > 0)
        {
            out.printf(Locale.ROOT, "warming up: %.1f s of page reads and unknown-SKU buys at %,.0f/s (not measured)%n",
                warmupNanos / 1e9, plan.schedule().peakRate() / 2);
            final RateSchedule browsing = new RateSchedule(
                SaleProfile.of(new double[]{-1.0, -1e-6}, new double[]{1.0, 1.0}),
                plan.schedule().peakRate() / 2, warmupNanos);
            final LoadPlan warm = new LoadPlan(plan.target(), browsing, plan.connections(), plan.pipeline(),
                plan.threads(), plan.transport(), plan.users(), plan.zipfExponent(), 0, 0, 0, plan.retryBackoffNanos(),
                0, plan.resubmitDelayNanos(), 0, 0, plan.payDelayNanos(), plan.drainNanos(), plan.tickNanos(),
                plan.seed(), plan.runTag() + "w");
            final LoadGenerator warmer = new LoadGenerator(warm, reportDir, name + "-warmup", out, "off", false);
            warmer.warmupRun = true;
            final RunResult warmed = warmer.run();
            Files.deleteIfExists(warmed.hlog());
        }
        final GatewayClient client = new GatewayClient(plan.target());
        awaitHealthy(client);
        final List<Long> skuIds = client.saleSkuIds();
        if (skuIds.isEmpty())
        {
            throw new IOException("GET /v1/sales lists no SKUs at " + plan.target());
        }
        final List<SkuState> before = client.skus(skuIds);
        final SkuTable skus = new SkuTable(before);
        Files.createDirectories(reportDir);
        final Path hlog = reportDir.resolve(name + ".hlog");
        final boolean epoll = "epoll".equals(plan.transport()) ||
            ("auto".equals(plan.transport()) && Epoll.isAvailable());
        final IoHandlerFactory ioFactory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        final Class<? extends Channel> channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(plan.threads(),
            new DefaultThreadFactory("loadgen", true), ioFactory);
        final LiveStats live = new LiveStats(skus.size());
        final List<LoadWorker> workers = new ArrayList<>();
        final ProgressReporter reporter;
        final long runStartNanos;
        final long endNanos;
        try
        {
            for (int i = 0; i < plan.threads(); i++)
            {
                final int share = plan.connections() / plan.threads() +
                    (i < plan.connections() % plan.threads() ? 1 : 0);
                workers.add(new LoadWorker(plan, skus, group.next(), channelType, i, share, live, warmupRun));
            }
            for (final LoadWorker worker : workers)
            {
                worker.connect();
            }
            final boolean terminal = "auto".equals(progress) && System.console() != null;
            reporter = new ProgressReporter(plan.schedule(), live, skus.size(), hlog, out, terminal,
                "off".equals(progress));
            runStartNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
            reporter.start(runStartNanos, System.currentTimeMillis() + 100);
            for (final LoadWorker worker : workers)
            {
                worker.start(runStartNanos);
            }
            endNanos = awaitWorkers(workers, runStartNanos);
            for (final LoadWorker worker : workers)
            {
                worker.stop().syncUninterruptibly();
            }
        }
        finally
        {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        final List<SecondSample> samples = reporter.stop();
        return collect(client, skus, before, workers, samples, (endNanos - runStartNanos) / 1e9, epoll, hlog);
    }

    private void awaitHealthy(final GatewayClient client) throws IOException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!client.healthy())
        {
            if (System.nanoTime() > deadline)
            {
                throw new IOException("gateway at " + plan.target() + " is not healthy (GET /health)");
            }
            sleep(100);
        }
    }

    private long awaitWorkers(final List<LoadWorker> workers, final long runStartNanos)
    {
        final long hardDeadline = runStartNanos + plan.schedule().durationNanos() + plan.drainNanos() +
            TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < hardDeadline)
        {
            if (workers.stream().allMatch(LoadWorker::isFinished))
            {
                break;
            }
            sleep(20);
        }
        return System.nanoTime();
    }

    private RunResult collect(
        final GatewayClient client,
        final SkuTable skus,
        final List<SkuState> before,
        final List<LoadWorker> workers,
        final List<SecondSample> samples,
        final double elapsedSeconds,
        final boolean epoll,
        final Path hlog) throws IOException
    {
        final Histogram[][] latency = new Histogram[SalePhase.values().length][Outcome.count()];
        final Histogram sendLag = new Histogram(LiveStats.HIGHEST_MICROS, LiveStats.DIGITS);
        final long[] arrivals = new long[SalePhase.values().length];
        final long[] unknownUnits = new long[skus.size()];
        final List<String> violations = new ArrayList<>();
        final List<OrderLedger> ledgers = new ArrayList<>();
        long sent = 0;
        long retries = 0;
        long abandoned = 0;
        long unknownBuys = 0;
        long protocolErrors = 0;
        long checks = 0;
        long violationCount = 0;
        for (final LoadWorker worker : workers)
        {
            final WorkerStats s = worker.stats();
            for (int p = 0; p < latency.length; p++)
            {
                for (int o = 0; o < Outcome.count(); o++)
                {
                    if (s.latency[p][o] != null)
                    {
                        if (latency[p][o] == null)
                        {
                            latency[p][o] = new Histogram(LiveStats.HIGHEST_MICROS, LiveStats.DIGITS);
                        }
                        latency[p][o].add(s.latency[p][o]);
                    }
                }
                arrivals[p] += s.arrivalsByPhase[p];
            }
            for (int i = 0; i < unknownUnits.length; i++)
            {
                unknownUnits[i] += s.unknownUnits[i];
            }
            sendLag.add(s.sendLag);
            violations.addAll(s.violationSamples);
            ledgers.add(worker.ledger());
            sent += s.sent;
            retries += s.retries;
            abandoned += s.abandoned;
            unknownBuys += s.unknownBuys;
            protocolErrors += s.protocolErrors;
            checks += s.duplicateChecks;
            violationCount += s.duplicateViolations;
        }
        SaleAudit.Result verdict = null;
        if (audit)
        {
            final Map<Long, SkuState> after = settle(client, skus, ledgers);
            final Map<Long, SkuState> start = new HashMap<>();
            for (final SkuState state : before)
            {
                start.put(state.sku(), state);
            }
            verdict = SaleAudit.audit(skus, start, after, ledgers, unknownUnits, checks, violationCount, violations);
        }
        final long[] byState = new long[5];
        long orders = 0;
        for (final OrderLedger ledger : ledgers)
        {
            for (int slot = 0; slot < ledger.size(); slot++)
            {
                byState[ledger.state(slot)]++;
                orders++;
            }
        }
        return new RunResult(plan, epoll ? "epoll" : "nio", skus.size(), elapsedSeconds, latency, sendLag, arrivals,
            sent, retries, abandoned, unknownBuys, protocolErrors, checks, violationCount, orders, byState, samples,
            verdict, hlog);
    }

    /**
     * Ask the server for the state of every order the buyers left open (reserved, or pay/cancel unanswered), bracketed
     * by two stock snapshots; repeat while an expiry lands in between (for up to a minute, while payment windows
     * close), so statuses and stock describe one moment.
     */
    private static Map<Long, SkuState> settle(
        final GatewayClient client, final SkuTable skus, final List<OrderLedger> ledgers) throws IOException
    {
        final List<Long> ids = new ArrayList<>();
        for (int i = 0; i < skus.size(); i++)
        {
            ids.add(skus.id(i));
        }
        final long deadline = System.nanoTime() + SETTLE_LIMIT_NANOS;
        Map<Long, SkuState> snapshot = snapshot(client, ids);
        while (true)
        {
            resolveOpenOrders(client, ledgers);
            final Map<Long, SkuState> again = snapshot(client, ids);
            if (again.equals(snapshot) || System.nanoTime() > deadline)
            {
                return again;
            }
            snapshot = again;
            sleep(50);
        }
    }

    private static Map<Long, SkuState> snapshot(final GatewayClient client, final List<Long> ids) throws IOException
    {
        final Map<Long, SkuState> map = new HashMap<>();
        for (final SkuState state : client.skus(ids))
        {
            map.put(state.sku(), state);
        }
        return map;
    }

    private static void resolveOpenOrders(final GatewayClient client, final List<OrderLedger> ledgers)
        throws IOException
    {
        for (final OrderLedger ledger : ledgers)
        {
            final List<Integer> slots = new ArrayList<>();
            for (int slot = 0; slot < ledger.size(); slot++)
            {
                if (ledger.state(slot) == OrderLedger.RESERVED || ledger.state(slot) == OrderLedger.UNKNOWN)
                {
                    slots.add(slot);
                }
            }
            final long[] orderIds = new long[slots.size()];
            for (int i = 0; i < orderIds.length; i++)
            {
                orderIds[i] = ledger.orderId(slots.get(i));
            }
            final List<String> statuses = client.orderStatuses(orderIds);
            for (int i = 0; i < orderIds.length; i++)
            {
                ledger.state(slots.get(i), stateOf(statuses.get(i)));
            }
        }
    }

    static byte stateOf(final String status)
    {
        switch (status)
        {
            case "RESERVED":
                return OrderLedger.RESERVED;
            case "PAID":
                return OrderLedger.PAID;
            case "CANCELLED":
                return OrderLedger.CANCELLED;
            case "EXPIRED":
                return OrderLedger.EXPIRED;
            default:
                return OrderLedger.UNKNOWN;
        }
    }

    private static void sleep(final long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
