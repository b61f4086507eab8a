package io.flashsale.gateway.config;

import java.util.Currency;
import java.util.Locale;
import java.util.Objects;

import io.flashsale.process.ThreadScheduling;

/**
 * Settings of the HTTP side of a node. Defaults suit a small box; every limit can be changed. Mutable builder-style;
 * do not change a config after the server started with it.
 */
public final class GatewayConfig
{
    private String host = "127.0.0.1";
    private int port = 8080;
    private String adminToken;
    private int eventLoopThreads = 1;
    private int maxBodyBytes = 256 * 1024;
    private int maxHeaderBytes = 8 * 1024;
    private int maxInitialLineBytes = 4 * 1024;
    private int maxPipelined = 64;
    private int warmUpBuys;
    private boolean idleCompilerThreads;
    private ThreadScheduling scheduling = ThreadScheduling.kernelDefault();
    private int maxConnections = 10_000;
    private int idleTimeoutSeconds = 60;
    private int readTimeoutSeconds = 10;
    private int metricsTopSkus = 20;
    private Currency currency = Currency.getInstance("CNY");

    /**
     * @return address to bind.
     */
    public String host()
    {
        return host;
    }

    /**
     * @param host address to bind.
     * @return this.
     */
    public GatewayConfig host(final String host)
    {
        this.host = Objects.requireNonNull(host);
        return this;
    }

    /**
     * @return TCP port; 0 picks a free one.
     */
    public int port()
    {
        return port;
    }

    /**
     * @param port TCP port; 0 picks a free one.
     * @return this.
     */
    public GatewayConfig port(final int port)
    {
        this.port = check(port, 0, 65535, "port");
        return this;
    }

    /**
     * @return the admin bearer token, or null to have one generated at start.
     */
    public String adminToken()
    {
        return adminToken;
    }

    /**
     * @param adminToken the admin bearer token, or null to have one generated at start.
     * @return this.
     */
    public GatewayConfig adminToken(final String adminToken)
    {
        this.adminToken = adminToken == null || adminToken.isEmpty() ? null : adminToken;
        return this;
    }

    /**
     * @return event-loop threads.
     */
    public int eventLoopThreads()
    {
        return eventLoopThreads;
    }

    /**
     * @param threads event-loop threads (at least 1).
     * @return this.
     */
    public GatewayConfig eventLoopThreads(final int threads)
    {
        this.eventLoopThreads = check(threads, 1, 1024, "event-loop threads");
        return this;
    }

    /**
     * @return largest request body accepted (larger: 413).
     */
    public int maxBodyBytes()
    {
        return maxBodyBytes;
    }

    /**
     * @param bytes largest request body accepted.
     * @return this.
     */
    public GatewayConfig maxBodyBytes(final int bytes)
    {
        this.maxBodyBytes = check(bytes, 64, Integer.MAX_VALUE, "max body bytes");
        return this;
    }

    /**
     * @return largest header block accepted (larger: 431).
     */
    public int maxHeaderBytes()
    {
        return maxHeaderBytes;
    }

    /**
     * @param bytes largest header block accepted.
     * @return this.
     */
    public GatewayConfig maxHeaderBytes(final int bytes)
    {
        this.maxHeaderBytes = check(bytes, 256, Integer.MAX_VALUE, "max header bytes");
        return this;
    }

    /**
     * @return longest request line accepted (longer: 414).
     */
    public int maxInitialLineBytes()
    {
        return maxInitialLineBytes;
    }

    /**
     * @param bytes longest request line accepted.
     * @return this.
     */
    public GatewayConfig maxInitialLineBytes(final int bytes)
    {
        this.maxInitialLineBytes = check(bytes, 64, Integer.MAX_VALUE, "max request line bytes");
        return this;
    }

    /**
     * @return requests one connection may have waiting for their responses; more are answered 503 and reading pauses.
     */
    public int maxPipelined()
    {
        return maxPipelined;
    }

    /**
     * @param requests requests one connection may have in flight.
     * @return this.
     */
    public GatewayConfig maxPipelined(final int requests)
    {
        this.maxPipelined = check(requests, 1, 1 << 16, "max pipelined requests");
        return this;
    }

    /**
     * @return open connections accepted; more are answered 503 and closed.
     */
    public int maxConnections()
    {
        return maxConnections;
    }

    /**
     * @param connections open connections accepted.
     * @return this.
     */
    public GatewayConfig maxConnections(final int connections)
    {
        this.maxConnections = check(connections, 1, Integer.MAX_VALUE, "max connections");
        return this;
    }

    /**
     * @return seconds a connection may stay silent with nothing in flight before it is closed.
     */
    public int idleTimeoutSeconds()
    {
        return idleTimeoutSeconds;
    }

    /**
     * @param seconds idle timeout.
     * @return this.
     */
    public GatewayConfig idleTimeoutSeconds(final int seconds)
    {
        this.idleTimeoutSeconds = check(seconds, 1, Integer.MAX_VALUE, "idle timeout");
        return this;
    }

    /**
     * @return seconds a started request has to arrive completely (slow clients get 408 and are closed).
     */
    public int readTimeoutSeconds()
    {
        return readTimeoutSeconds;
    }

    /**
     * @param seconds read timeout.
     * @return this.
     */
    public GatewayConfig readTimeoutSeconds(final int seconds)
    {
        this.readTimeoutSeconds = check(seconds, 1, Integer.MAX_VALUE, "read timeout");
        return this;
    }

    /**
     * @return buys the JIT warm-up sends a throwaway node before the port opens (0: none, the default).
     */
    public int warmUpBuys()
    {
        return warmUpBuys;
    }

    /**
     * @param buys buys of the JIT warm-up before the port opens (with pays, cancels and queries; then one full
     *             collection); 0 for none.
     * @return this.
     */
    public GatewayConfig warmUpBuys(final int buys)
    {
        this.warmUpBuys = check(buys, 0, 10_000_000, "warm-up buys");
        return this;
    }

    /**
     * @return true if the JVM's JIT compiler threads are moved to {@code SCHED_IDLE} once the node is warm.
     */
    public boolean idleCompilerThreads()
    {
        return idleCompilerThreads;
    }

    /**
     * @param idle true to move the JVM's JIT compiler threads to {@code SCHED_IDLE} after the warm-up, before the
     *             port opens (a process-wide setting: for a node that owns its JVM).
     * @return this.
     */
    public GatewayConfig idleCompilerThreads(final boolean idle)
    {
        this.idleCompilerThreads = idle;
        return this;
    }

    /**
     * @return how many of the hottest SKUs the board and {@code /metrics} show per-SKU figures for.
     */
    public int metricsTopSkus()
    {
        return metricsTopSkus;
    }

    /**
     * @param skus how many of the hottest SKUs get per-SKU series (0 to 1000); every SKU counts in the totals.
     * @return this.
     */
    public GatewayConfig metricsTopSkus(final int skus)
    {
        this.metricsTopSkus = check(skus, 0, 1000, "metrics top SKUs");
        return this;
    }

    /**
     * @return how the event loops are scheduled (default: the kernel's defaults).
     */
    public ThreadScheduling scheduling()
    {
        return scheduling;
    }

    /**
     * @param scheduling how the event loops are scheduled.
     * @return this.
     */
    public GatewayConfig scheduling(final ThreadScheduling scheduling)
    {
        this.scheduling = Objects.requireNonNull(scheduling);
        return this;
    }

    /**
     * @return the currency prices are shown in (sale files give prices in its minor units).
     */
    public Currency currency()
    {
        return currency;
    }

    /**
     * @param code an ISO 4217 currency code, e.g. {@code CNY}.
     * @return this.
     * @throws IllegalArgumentException if it is not one.
     */
    public GatewayConfig currency(final String code)
    {
        try
        {
            this.currency = Currency.getInstance(code.toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("currency must be an ISO 4217 code such as CNY or USD, not '" + code +
                "'", ex);
        }
        return this;
    }

    private static int check(final int value, final int min, final int max, final String what)
    {
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(what + " must be in " + min + ".." + max + ": " + value);
        }
        return value;
    }
}
