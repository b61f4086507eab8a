package io.flashsale.bench.loadgen;

import java.net.URI;

/**
 * Everything one load-generator run needs, immutable. Built by {@link LoadgenCommand} or {@link DemoCommand}.
 *
 * @param target             gateway base URL, e.g. {@code http://127.0.0.1:8080}.
 * @param schedule           the open-loop arrival schedule.
 * @param connections        keep-alive connections in total.
 * @param pipeline           requests in flight per connection (1 = no pipelining).
 * @param threads            client event loops.
 * @param transport          {@code auto}, {@code epoll} or {@code nio}.
 * @param users              buyer population.
 * @param zipfExponent       SKU popularity skew.
 * @param botShare           share of arrivals that are bots buying their one SKU at the limit, again and again.
 * @param retryShare         share of buyers who retry after a 503.
 * @param maxRetries         retries per request at most.
 * @param retryBackoffNanos  first retry delay; doubles each time.
 * @param resubmitShare      share of successful buyers who submit the same requestId again.
 * @param resubmitDelayNanos delay before that resubmission.
 * @param payShare           share of reservations paid.
 * @param cancelShare        share of reservations cancelled (the rest are left to expire).
 * @param payDelayNanos      mean delay before paying or cancelling (uniform 0.5x..1.5x).
 * @param drainNanos         how long after the schedule ends follow-ups may still go and answers may still come.
 * @param tickNanos          pacing tick of each event loop.
 * @param seed               random seed (same seed, same buyers).
 * @param runTag             unique per run; prefixes every requestId.
 * @param part               which share of the schedule this generator runs.
 * @param startEpochMillis   wall-clock instant (epoch ms) of arrival time 0 agreed by all parts, or -1 for "as soon
 *                           as the connections are up".
 */
public record LoadPlan(
    URI target,
    RateSchedule schedule,
    int connections,
    int pipeline,
    int threads,
    String transport,
    long users,
    double zipfExponent,
    double botShare,
    double retryShare,
    int maxRetries,
    long retryBackoffNanos,
    double resubmitShare,
    long resubmitDelayNanos,
    double payShare,
    double cancelShare,
    long payDelayNanos,
    long drainNanos,
    long tickNanos,
    long seed,
    String runTag,
    Part part,
    long startEpochMillis)
{
    /**
     * The whole schedule, started as soon as the connections are up.
     */
    public LoadPlan(final URI target, final RateSchedule schedule, final int connections, final int pipeline,
        final int threads, final String transport, final long users, final double zipfExponent, final double botShare,
        final double retryShare, final int maxRetries, final long retryBackoffNanos, final double resubmitShare,
        final long resubmitDelayNanos, final double payShare, final double cancelShare, final long payDelayNanos,
        final long drainNanos, final long tickNanos, final long seed, final String runTag)
    {
        this(target, schedule, connections, pipeline, threads, transport, users, zipfExponent, botShare, retryShare,
            maxRetries, retryBackoffNanos, resubmitShare, resubmitDelayNanos, payShare, cancelShare, payDelayNanos,
            drainNanos, tickNanos, seed, runTag, Part.WHOLE, -1);
    }

    /**
     * Validates the shares and counts.
     */
    public LoadPlan
    {
        if (connections < 1 || pipeline < 1 || threads < 1 || users < 1 || maxRetries < 0)
        {
            throw new IllegalArgumentException("connections, pipeline, threads and users must be >= 1");
        }
        if (threads > connections)
        {
            throw new IllegalArgumentException("need at least one connection per thread");
        }
        for (final double share : new double[]{botShare, retryShare, resubmitShare, payShare, cancelShare})
        {
            if (share < 0 || share > 1)
            {
                throw new IllegalArgumentException("shares must be in [0, 1]");
            }
        }
        if (payShare + cancelShare > 1)
        {
            throw new IllegalArgumentException("pay share + cancel share must be <= 1");
        }
        if (users < part.count())
        {
            throw new IllegalArgumentException("need at least one buyer per part");
        }
    }

    /**
     * @param plan  a plan.
     * @param part  the share to run instead.
     * @param start epoch ms of arrival time 0, or -1.
     * @return the same plan for that part and start.
     */
    public static LoadPlan forPart(final LoadPlan plan, final Part part, final long start)
    {
        return new LoadPlan(plan.target, plan.schedule, plan.connections, plan.pipeline, plan.threads, plan.transport,
            plan.users, plan.zipfExponent, plan.botShare, plan.retryShare, plan.maxRetries, plan.retryBackoffNanos,
            plan.resubmitShare, plan.resubmitDelayNanos, plan.payShare, plan.cancelShare, plan.payDelayNanos,
            plan.drainNanos, plan.tickNanos, plan.seed, plan.runTag, part, start);
    }

    /**
     * @return buyers this part draws from (its share of {@link #users()}).
     */
    public long partUsers()
    {
        return Math.max(1, users / part.count());
    }

    /**
     * @return host from the target URL.
     */
    public String host()
    {
        return target.getHost();
    }

    /**
     * @return port from the target URL (80 if absent).
     */
    public int port()
    {
        return target.getPort() < 0 ? 80 : target.getPort();
    }
}
