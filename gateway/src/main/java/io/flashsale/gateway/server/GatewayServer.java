package io.flashsale.gateway.server;

import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.engine.journal.DataDirectoryLock;
import io.flashsale.engine.pipeline.Engine;
import io.flashsale.engine.pipeline.EngineConfig;
import io.flashsale.engine.pipeline.ResultSink;
import io.flashsale.gateway.config.GatewayConfig;
import io.flashsale.gateway.config.SaleDefinition;
import io.flashsale.gateway.config.SaleNames;
import io.flashsale.gateway.ops.GatewayMetrics;
import io.flashsale.gateway.ops.OpsSampler;
import io.flashsale.process.CompilerThreads;
import io.netty.channel.Channel;

/**
 * A running node: the engine (recovered from its journal before the port opens), the ops sampler, and the Netty
 * HTTP server in front. The composition root of the gateway:
 * <ol>
 *   <li>the data directory's lock, before anything else: a second node on the directory fails here, having touched
 *       nothing;</li>
 *   <li>event loops (epoll when available, else NIO) and one reply queue per loop;</li>
 *   <li>the engine, started with the gateway's result sink over those queues: start replays the journal;</li>
 *   <li>the JIT warm-up, if configured: a throwaway node on loopback and a temporary directory
 *       ({@link NodeWarmUp});</li>
 *   <li>the initial sale, defined unless the journal already holds it;</li>
 *   <li>ops sampler (one thread; hlog files in the data directory), endpoints, router;</li>
 *   <li>bind the port.</li>
 * </ol>
 * {@link #close()} stops accepting, answers new requests 503, drains the ring, commits the journal and writes a
 * snapshot (engine close), then stops the event loops and the sampler, and releases the directory lock last.
 * Thread-safe.
 */
public final class GatewayServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    private final DataDirectoryLock lock;
    private final HttpFront front;
    private final Engine engine;
    private final OpsSampler sampler;
    private final ServerContext context;
    private final boolean saleDefined;
    private boolean closed;

    private GatewayServer(
        final GatewayConfig config,
        final EngineConfig engineConfig,
        final SaleDefinition sale,
        final UnaryOperator<ResultSink> sinkDecorator,
        final boolean announce)
    {
        lock = DataDirectoryLock.acquire(engineConfig.dataDirectory());
        final GatewayMetrics metrics = new GatewayMetrics();
        HttpFront opened = null;
        Engine started = null;
        OpsSampler ops = null;
        try
        {
            opened = new HttpFront(config, engineConfig.ringSize(), metrics);
            front = opened;
            started = Engine.start(engineConfig, sinkDecorator.apply(front.sink()), lock);
            engine = started;
            if (config.warmUpBuys() > 0)
            {
                final long warmStart = System.nanoTime();
                final long answered = NodeWarmUp.run(config, engineConfig, config.warmUpBuys());
                LOG.info("JIT warm-up: {} requests answered by a throwaway node over loopback in {} ms", answered,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - warmStart));
                collectBeforeOpening();
            }
            if (config.idleCompilerThreads())
            {
                final String refused = CompilerThreads.idle();
                if (refused == null)
                {
                    LOG.info("JIT compiler threads run SCHED_IDLE from now on");
                }
                else
                {
                    LOG.warn("JIT compiler threads keep their scheduling: {}", refused);
                }
            }
            final SaleNames names = new SaleNames(engine.labels());
            saleDefined = sale != null && SaleInstaller.install(engine, sale);
            ops = new OpsSampler(engine, metrics, engineConfig.dataDirectory(), 1000, config.metricsTopSkus());
            sampler = ops;
            final SalesView sales = new SalesView(engine::catalogView, names);
            context = new ServerContext(config, metrics, new Router(
                new OrderApi(engine.publisher()),
                new AdminApi(front.adminToken(), engine.publisher(), sales),
                new OpsApi(engine, metrics, sampler, sales, config.currency())), front.queues());
            final Channel channel = front.bind(context);
            if (announce)
            {
                LOG.info("listening on {} ({})", channel.localAddress(), front.transport());
            }
        }
        catch (final RuntimeException ex)
        {
            if (ops != null)
            {
                ops.close();
            }
            if (started != null)
            {
                started.close();
            }
            if (opened != null)
            {
                opened.abandon();
            }
            lock.close();
            throw ex;
        }
    }

    /**
     * One full collection before the port opens, so the first young collection under load does not copy what the
     * start and the warm-up left in the young generation (the engine's state sized for the expected orders, the
     * journal's and the event loops' buffers): measured at 10k requests/s, that first young pause copied 80 MB and
     * stopped the node for 16 ms, 7 s into the load.
     */
    private static void collectBeforeOpening()
    {
        final long start = System.nanoTime();
        System.gc();
        final Runtime runtime = Runtime.getRuntime();
        LOG.info("full collection before opening: {} ms, {} MB in use", TimeUnit.NANOSECONDS.toMillis(
            System.nanoTime() - start), (runtime.totalMemory() - runtime.freeMemory()) >> 20);
    }

    /**
     * Recover the engine, define the initial sale if the journal does not hold it, open the port.
     *
     * @param config        HTTP settings.
     * @param engineConfig  engine settings (data directory, ring, wait strategy, journal sync, snapshots).
     * @param sale          the sale to define at start, or null.
     * @param sinkDecorator wraps the gateway's result sink before the engine gets it ({@code UnaryOperator.identity()}
     *                      normally; tests use it to pause or observe the engine thread).
     * @return the running node.
     * @throws io.flashsale.engine.journal.DataDirectoryLockedException if another node holds the data directory
     *         (nothing in it was touched).
     */
    public static GatewayServer start(
        final GatewayConfig config,
        final EngineConfig engineConfig,
        final SaleDefinition sale,
        final UnaryOperator<ResultSink> sinkDecorator)
    {
        return new GatewayServer(config, engineConfig, sale, sinkDecorator, true);
    }

    /**
     * {@link #start} without the start-up log line, for the JIT warm-up's throwaway node.
     */
    static GatewayServer startQuietly(
        final GatewayConfig config,
        final EngineConfig engineConfig,
        final SaleDefinition sale,
        final UnaryOperator<ResultSink> sinkDecorator)
    {
        return new GatewayServer(config, engineConfig, sale, sinkDecorator, false);
    }

    /**
     * @return the bound port.
     */
    public int port()
    {
        return front.port();
    }

    /**
     * @return the admin bearer token (configured or generated).
     */
    public String adminToken()
    {
        return front.adminToken();
    }

    /**
     * @return true if the token was generated at start (print it once).
     */
    public boolean tokenGenerated()
    {
        return front.tokenGenerated();
    }

    /**
     * @return true if the initial sale was defined by this start (false: none given, or replayed from the journal).
     */
    public boolean saleDefined()
    {
        return saleDefined;
    }

    /**
     * @return the engine (for monitoring and tests).
     */
    public Engine engine()
    {
        return engine;
    }

    /**
     * @return the ops sampler.
     */
    public OpsSampler sampler()
    {
        return sampler;
    }

    /**
     * @return the gateway's counters.
     */
    public GatewayMetrics metrics()
    {
        return context.metrics();
    }

    /**
     * Stop accepting, drain the ring, commit the journal, write a snapshot, stop the event loops and the sampler.
     * Idempotent.
     */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            context.stopping(true);
            front.closePort();
            engine.close();
            front.shutdown();
            sampler.close();
        }
        finally
        {
            lock.close();
        }
        LOG.info("stopped");
    }
}
