package io.flashsale.bench.loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.HdrHistogram.Histogram;

import io.flashsale.client.GatewayClient;
import io.flashsale.client.Outcome;
import io.flashsale.client.SkuState;
import io.flashsale.process.CompilerThreads;
import io.flashsale.process.ThreadScheduling;
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
import io.netty.util.concurrent.EventExecutor;

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
    private ThreadScheduling scheduling = ThreadScheduling.kernelDefault();
    private boolean idleCompilerThreads;

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
     * Warm the client and the node before the measured run, at half the busiest second's rate (this generator's
     * share of it), not recorded in the results and
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
     * @param scheduling how the client event loops are scheduled (checked already: a refusal fails the run).
     * @return this.
     */
    public LoadGenerator scheduling(final ThreadScheduling scheduling)
    {
        this.scheduling = scheduling;
        return this;
    }

    /**
     * @param idle true to move this JVM's JIT compiler threads to {@code SCHED_IDLE} once warm: after the warm-up,
     *             before the measured run (see {@link CompilerThreads}).
     * @return this.
     */
    public LoadGenerator idleCompilerThreads(final boolean idle)
    {
        this.idleCompilerThreads = idle;
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
            final double warmRate = plan.schedule().busiestSecondRate() / 2 / plan.part().count();
            out.printf(Locale.ROOT, "warming up: %.1f s of page reads and unknown-SKU buys at %,.0f/s (not measured)%n",
                warmupNanos / 1e9, warmRate);
            final RateSchedule browsing = new RateSchedule(
                SaleProfile.of(new double[]{-1.0, -1e-6}, new double[]{1.0, 1.0}), warmRate, warmupNanos);
            final LoadPlan warm = new LoadPlan(plan.target(), browsing, plan.connections(), plan.pipeline(),
                plan.threads(), plan.transport(), plan.users(), plan.zipfExponent(), 0, 0, 0, plan.retryBackoffNanos(),
                0, plan.resubmitDelayNanos(), 0, 0, plan.payDelayNanos(), plan.drainNanos(), plan.tickNanos(),
                plan.seed(), plan.runTag() + "w");
            final LoadGenerator warmer = new LoadGenerator(warm, reportDir, name + "-warmup", out, "off", false);
            warmer.warmupRun = true;
            warmer.scheduling = scheduling;
            final RunResult warmed = warmer.run();
            Files.deleteIfExists(warmed.hlog());
        }
        if (idleCompilerThreads)
        {
            moveCompilerThreadsToIdle();
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
        final Path hlog = reportDir.resolve(name + ".hlog");
        final boolean epoll = "epoll".equals(plan.transport()) ||
            ("auto".equals(plan.transport()) && Epoll.isAvailable());
        final IoHandlerFactory ioFactory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        final Class<? extends Channel> channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(plan.threads(),
            new DefaultThreadFactory("loadgen", true), ioFactory);
        schedule(group, scheduling);
        final LiveStats live = new LiveStats(skus.size());
        final long startEpochMillis;
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
            final long nowMillis = System.currentTimeMillis();
            final long nowNanos = System.nanoTime();
            if (plan.startEpochMillis() >= 0)
            {
                if (plan.startEpochMillis() < nowMillis)
                {
                    throw new IOException("the start time " + Instant.ofEpochMilli(plan.startEpochMillis()) +
                        " passed before this generator was ready (warm-up and connections took until " +
                        Instant.ofEpochMilli(nowMillis) + "); choose a later --start-at");
                }
                startEpochMillis = plan.startEpochMillis();
            }
            else
            {
                startEpochMillis = nowMillis + 100;
            }
            Files.createDirectories(reportDir);
            reporter = new ProgressReporter(plan.schedule(), plan.part(), live, skus, hlog, out, terminal,
                "off".equals(progress));
            runStartNanos = nowNanos + TimeUnit.MILLISECONDS.toNanos(startEpochMillis - nowMillis);
            reporter.start(runStartNanos, startEpochMillis);
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
        return collect(client, skus, before, workers, samples, (endNanos - runStartNanos) / 1e9, epoll, hlog,
            startEpochMillis);
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
        final Path hlog,
        final long startEpochMillis) throws IOException
    {
        final Histogram[][][] latency =
            new Histogram[RequestKind.values().length][SalePhase.values().length][Outcome.count()];
        final Histogram sendLag = LiveStats.histogram();
        final long[] arrivals = new long[SalePhase.values().length];
        final Map<Long, Long> unknownUnits = new HashMap<>();
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
            addAll(latency, s.latency);
            for (int p = 0; p < arrivals.length; p++)
            {
                arrivals[p] += s.arrivalsByPhase[p];
            }
            for (int i = 0; i < s.unknownUnits.length; i++)
            {
                if (s.unknownUnits[i] > 0)
                {
                    unknownUnits.merge(skus.id(i), s.unknownUnits[i], Long::sum);
                }
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
        final Map<Long, SkuState> start = new HashMap<>();
        for (final SkuState state : before)
        {
            start.put(state.sku(), state);
        }
        final AuditInput input = new AuditInput(start, ledgers, unknownUnits, checks, violationCount, violations);
        SaleAudit.Result verdict = null;
        if (audit && !plan.part().isPartial())
        {
            verdict = audit(client, input);
        }
        final long[] byState = ordersByState(ledgers);
        return new RunResult(plan, epoll ? "epoll" : "nio", skus.size(), elapsedSeconds, startEpochMillis, latency,
            sendLag, arrivals, sent, retries, abandoned, unknownBuys, protocolErrors, checks, violationCount,
            LongStream.of(byState).sum(), byState, samples, verdict, hlog, 1, List.of(), input);
    }

    /**
     * Add every histogram of {@code from} into {@code into}, creating the missing ones.
     *
     * @param into [kind][phase][outcome] histograms, null where empty.
     * @param from the same shape.
     */
    static void addAll(final Histogram[][][] into, final Histogram[][][] from)
    {
        for (int k = 0; k < into.length; k++)
        {
            for (int p = 0; p < into[k].length; p++)
            {
                for (int o = 0; o < into[k][p].length; o++)
                {
                    if (from[k][p][o] != null)
                    {
                        if (into[k][p][o] == null)
                        {
                            into[k][p][o] = LiveStats.histogram();
                        }
                        into[k][p][o].add(from[k][p][o]);
                    }
                }
            }
        }
    }

    /**
     * @param ledgers acknowledged orders.
     * @return orders per final state.
     */
    static long[] ordersByState(final List<OrderLedger> ledgers)
    {
        final long[] byState = new long[5];
        for (final OrderLedger ledger : ledgers)
        {
            for (int slot = 0; slot < ledger.size(); slot++)
            {
                byState[ledger.state(slot)]++;
            }
        }
        return byState;
    }

    /**
     * Settle the orders left open against the server, take its stock, and audit.
     *
     * @param client the gateway.
     * @param input  what the buyers were told (order states are updated in place).
     * @return the verdict.
     * @throws IOException if the gateway cannot be read.
     */
    static SaleAudit.Result audit(final GatewayClient client, final AuditInput input) throws IOException
    {
        final SkuTable skus = input.skus();
        final Map<Long, SkuState> after = settle(client, skus, input.ledgers());
        return SaleAudit.audit(skus, input.before(), after, input.ledgers(), input.unknownUnits(skus),
            input.duplicateChecks(), input.duplicateViolations(), input.violationSamples());
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

    private void moveCompilerThreadsToIdle()
    {
        final String refused = CompilerThreads.idle();
        if (refused != null)
        {
            out.println("JIT compiler threads keep their scheduling: " + refused);
        }
    }

    private static void schedule(final EventLoopGroup group, final ThreadScheduling scheduling) throws IOException
    {
        if (scheduling.isKernelDefault())
        {
            return;
        }
        for (final EventExecutor loop : group)
        {
            final String refused = loop.submit(scheduling::applyToCurrentThread).syncUninterruptibly().getNow();
            if (refused != null)
            {
                group.shutdownGracefully();
                throw new IOException("client event loop scheduling (" + scheduling + "): " + refused);
            }
        }
    }
}
