package io.flashsale.bench.crash;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.flashsale.client.HttpConnection;
import io.flashsale.client.Requests;
import io.flashsale.client.Response;
import io.flashsale.cluster.LocalMembers;
import io.flashsale.cluster.MemberHost;
import io.flashsale.cluster.ShardOrderIds;
import io.flashsale.cluster.ShardRouter;
import io.flashsale.cluster.ShardStatus;
import io.flashsale.cluster.config.ClusterConfig;
import io.flashsale.engine.audit.AuditReport;
import io.flashsale.engine.audit.JournalAudit;
import io.flashsale.gateway.config.GatewayConfig;
import io.flashsale.gateway.config.SaleParser;
import io.flashsale.gateway.server.ClusterGatewayServer;

/**
 * Failover harness for cluster mode: a local cluster of three member processes (each one member of every shard, like
 * three machines) behind a gateway in this process; clients pipeline buys, pays and cancels at the gateway while the
 * harness SIGKILLs the member process leading a random shard (sometimes a follower), lets the shards elect, measures
 * the failover (from the kill until the shard answers again through the gateway), restarts the killed process and
 * waits until it caught up. After each kill it checks: every acknowledged order is present through the gateway and in
 * the journal of every member of its shard, every member's journal passes the offline audit (no SKU oversold),
 * every retried request id answers its first order, and no order id answers two buys. Seeded for the kill choices and
 * the load (not the interleaving). One run per instance.
 */
public final class ClusterCrashHarness
{
    private static final String TOKEN = "cluster-crash-token";
    private static final long CATCH_UP_TIMEOUT_MS = 120_000;

    private final Settings settings;
    private final Random random;
    private final Ledger ledger = new Ledger();

    /**
     * What to run.
     *
     * @param kills          kill points.
     * @param seed           random seed.
     * @param clients        client threads, each one pipelining connection.
     * @param minRunMillis   shortest drive before a kill.
     * @param maxRunMillis   longest drive before a kill.
     * @param memberCommand  how to run {@code flashsale member} after {@code java} and its flags.
     * @param heap           each member's heap (-Xmx).
     * @param workDir        the cluster file, members' data directories and logs.
     * @param shards         shards.
     * @param portBase       first port of the members' blocks.
     * @param followerShare  share of kills aimed at a follower instead of the leader (0..1).
     * @param retrySample    request ids retried after each kill (all of them after the last).
     */
    public record Settings(
        int kills, long seed, int clients, long minRunMillis, long maxRunMillis, List<String> memberCommand,
        String heap, Path workDir, int shards, int portBase, double followerShare, int retrySample)
    {
    }

    /**
     * One kill and what followed it.
     *
     * @param number        1-based.
     * @param shard         the shard whose leader (or follower) was aimed at.
     * @param member        the member process killed.
     * @param wasLeader     true if it led the shard when killed.
     * @param ledShards     shards the killed process led.
     * @param failoverMs    kill until every shard it led answered again through the gateway (-1: it led none).
     * @param catchUpMs     restart until the restarted member reached the leaders' commit position on every shard.
     * @param acknowledged  orders acknowledged so far.
     * @param checks        checks made.
     * @param failures      what failed (empty: passed).
     */
    public record Kill(int number, int shard, int member, boolean wasLeader, List<Integer> ledShards, long failoverMs,
        long catchUpMs, long acknowledged, long checks, List<String> failures)
    {
        /**
         * @return true if every check passed.
         */
        public boolean passed()
        {
            return failures.isEmpty();
        }
    }

    /**
     * The whole run.
     *
     * @param kills         every kill.
     * @param finalFailures failures of the final checks.
     * @param acknowledged  orders acknowledged.
     * @param uncertain     buys answered UNAVAILABLE and never resolved by a retry.
     * @param afterResend   buys answered with their own first order flagged duplicate (the gateway resent them).
     * @param requests      requests sent.
     */
    public record Report(List<Kill> kills, List<String> finalFailures, long acknowledged, long uncertain,
        long afterResend, long requests)
    {
        /**
         * @return true if every kill and the final checks passed.
         */
        public boolean passed()
        {
            return finalFailures.isEmpty() && kills.stream().allMatch(Kill::passed);
        }

        /**
         * @return failover times of the kills that hit a leader, sorted.
         */
        public long[] failoverMillis()
        {
            return kills.stream().filter(k -> k.failoverMs() >= 0).mapToLong(Kill::failoverMs).sorted().toArray();
        }
    }

    /**
     * @param settings what to run.
     */
    public ClusterCrashHarness(final Settings settings)
    {
        this.settings = settings;
        this.random = new Random(settings.seed());
    }

    /**
     * Run every kill and the final checks; the members and the gateway are stopped when this returns.
     *
     * @param progress one line per kill as it completes (may be null).
     * @return the report.
     * @throws IOException if the cluster cannot be started or stops answering.
     * @throws InterruptedException if interrupted.
     */
    public Report run(final PrintWriter progress) throws IOException, InterruptedException
    {
        final Path work = settings.workDir().toAbsolutePath();
        final Path sale = CrashSale.write(work.resolve("crash-sale.json"));
        final Path configFile = work.resolve("cluster.json");
        LocalCluster.writeConfig(configFile, settings.shards(), settings.portBase(), 0, sale, 1_500);
        final ClusterConfig config = ClusterConfig.read(configFile);
        final List<Kill> kills = new ArrayList<>();
        final AtomicLong requestSeq = new AtomicLong();
        try (LocalCluster members = LocalCluster.start(work, configFile, settings.memberCommand(), settings.heap());
            ClusterGatewayServer gateway = ClusterGatewayServer.start(
                new GatewayConfig().host("127.0.0.1").port(0).adminToken(TOKEN), config,
                SaleParser.read(sale, System.currentTimeMillis()),
                new ShardRouter.Settings(16_384, 8_192, 2_000, 5_000, "127.0.0.1",
                    LocalMembers.gatewayAeronDirectory())))
        {
            final LocalMembers local = new LocalMembers(LocalMembers.defaultRoot());
            for (int k = 1; k <= settings.kills(); k++)
            {
                kills.add(killOnce(k, members, gateway, local, requestSeq));
                if (progress != null)
                {
                    final Kill kill = kills.get(kills.size() - 1);
                    progress.printf("kill %d: member %d (%s of shard %d, led %s): failover %s, caught up in %d ms, " +
                        "%d orders acknowledged, %d checks %s%n", kill.number(), kill.member(),
                        kill.wasLeader() ? "leader" : "follower", kill.shard(), kill.ledShards(),
                        kill.failoverMs() < 0 ? "none (led nothing)" : kill.failoverMs() + " ms", kill.catchUpMs(),
                        kill.acknowledged(), kill.checks(), kill.passed() ? "passed" : "FAILED " + kill.failures());
                    progress.flush();
                }
            }
            final List<String> finalFailures = new ArrayList<>(new RecoveryCheck(ledger, random).run(gateway.port(),
                -1));
            finalFailures.addAll(ledger.failures());
            awaitJournals(members, config, finalFailures);
            return new Report(kills, finalFailures, ledger.acknowledgedOrders(), ledger.uncertainBuys().size(),
                ledger.answeredAfterResendCount(), ledger.requests());
        }
    }

    private Kill killOnce(final int number, final LocalCluster members, final ClusterGatewayServer gateway,
        final LocalMembers local, final AtomicLong requestSeq) throws IOException, InterruptedException
    {
        final int shard = random.nextInt(settings.shards());
        final boolean aimAtFollower = random.nextDouble() < settings.followerShare();
        final ClientDrive drive = ClientDrive.run(gateway.port(), ledger, random, requestSeq, "k" + number,
            settings.clients(), settings.minRunMillis(), settings.maxRunMillis());
        final int leader = awaitLeader(gateway, shard, -1);
        final int victim = aimAtFollower ? (leader + 1 + random.nextInt(LocalCluster.MEMBERS - 1)) %
            LocalCluster.MEMBERS : leader;
        final List<Integer> led = new ArrayList<>();
        for (int s = 0; s < settings.shards(); s++)
        {
            if (gateway.router().status(s).leaderMemberId() == victim)
            {
                led.add(s);
            }
        }
        final long killed = System.nanoTime();
        members.kill(victim);
        long failoverMs = -1;
        if (!led.isEmpty())
        {
            for (final int s : led)
            {
                awaitAnswering(gateway, s);
            }
            failoverMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        }
        drive.stop();
        final long restarted = System.nanoTime();
        members.startMember(victim);
        final List<String> failures = new ArrayList<>();
        awaitCaughtUp(gateway, local, victim, failures);
        final long catchUpMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted);
        final RecoveryCheck check = new RecoveryCheck(ledger, random);
        failures.addAll(check.run(gateway.port(), settings.retrySample()));
        failures.addAll(ledger.failures());
        final ClusterConfig config = gateway.router().config();
        awaitJournals(members, config, failures);
        return new Kill(number, shard, victim, victim == leader, led, failoverMs, catchUpMs,
            ledger.acknowledgedOrders(), check.checks(), failures);
    }

    /**
     * Every acknowledged order is in the journal of every member of its shard, the same buy and at least as far on
     * (a journal may show a pay or cancel the buyer's answer was lost for), and every member's journal passes the
     * audit. Followers journal what they apply shortly after the commit, so this retries for a while before it reports.
     */
    private void awaitJournals(final LocalCluster members, final ClusterConfig config, final List<String> failures)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> found;
        do
        {
            found = journalFailures(members, config);
            if (found.isEmpty())
            {
                return;
            }
            Thread.sleep(200);
        }
        while (System.nanoTime() < deadline);
        failures.addAll(found.subList(0, Math.min(found.size(), 50)));
    }

    private List<String> journalFailures(final LocalCluster members, final ClusterConfig config)
    {
        final List<String> failures = new ArrayList<>();
        for (int m = 0; m < LocalCluster.MEMBERS; m++)
        {
            for (int s = 0; s < config.shards().size(); s++)
            {
                final Path shardDir = MemberHost.shardDirectory(members.memberDirectory(m), s);
                final Map<Long, Ledger.Order> journaled = new HashMap<>();
                for (final Map.Entry<Long, Ledger.Order> e : JournalOrders.read(shardDir).entrySet())
                {
                    journaled.put(ShardOrderIds.global(s, e.getKey()), e.getValue());
                }
                for (final Ledger.Order o : ledger.orders())
                {
                    if (ShardOrderIds.shard(o.id) != s)
                    {
                        continue;
                    }
                    final Ledger.Order j = journaled.get(o.id);
                    if (j == null)
                    {
                        failures.add("member " + m + ": acknowledged order " + o.id + " (" + o.buy + ") is not in " +
                            "its shard " + s + " journal");
                    }
                    else if (!j.buy.equals(o.buy))
                    {
                        failures.add("member " + m + ": shard " + s + " journal has order " + o.id + " as " + j.buy +
                            " but " + o.buy + " was acknowledged");
                    }
                    else if (o.state != Ledger.RESERVED && j.state != o.state)
                    {
                        failures.add("member " + m + ": shard " + s + " journal has order " + o.id + " " +
                            RecoveryCheck.name(j.state) + " but it was acknowledged " + RecoveryCheck.name(o.state));
                    }
                }
                final AuditReport audit = JournalAudit.run(shardDir);
                for (final String v : audit.violations())
                {
                    failures.add("member " + m + " shard " + s + " audit: " + v);
                }
            }
        }
        return failures;
    }

    private static int awaitLeader(final ClusterGatewayServer gateway, final int shard, final int not)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline)
        {
            final ShardStatus status = gateway.router().status(shard);
            if (status.connected() && status.leaderMemberId() >= 0 && status.leaderMemberId() != not)
            {
                return status.leaderMemberId();
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("shard " + shard + " has no leader after 60 s");
    }

    /**
     * Wait until the shard answers a SKU query through the gateway (a command committed and answered by a leader).
     */
    private static void awaitAnswering(final ClusterGatewayServer gateway, final int shard)
        throws IOException, InterruptedException
    {
        final long sku = skuOn(gateway, shard);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (HttpConnection probe = new HttpConnection(gateway.port(), 30_000))
        {
            while (System.nanoTime() < deadline)
            {
                final Response r = probe.exchange("GET", Requests.sku(sku), null);
                if (r.status() == 200)
                {
                    return;
                }
                Thread.sleep(5);
            }
        }
        throw new IllegalStateException("shard " + shard + " did not answer within 60 s of the kill");
    }

    private static long skuOn(final ClusterGatewayServer gateway, final int shard)
    {
        for (final long sku : CrashSale.SKUS)
        {
            if (gateway.router().shardMap().shardOf(sku) == shard)
            {
                return sku;
            }
        }
        throw new IllegalStateException("no crash-sale SKU lives on shard " + shard);
    }

    /**
     * Wait until the restarted member is back in every shard and has reached the commit position the shard's leader
     * reports (both read from the members' media drivers on this host).
     */
    private void awaitCaughtUp(final ClusterGatewayServer gateway, final LocalMembers local, final int member,
        final List<String> failures) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CATCH_UP_TIMEOUT_MS);
        for (int s = 0; s < settings.shards(); s++)
        {
            final int leader = awaitLeader(gateway, s, -1);
            final LocalMembers.Local leaderNow = local.find(leader, s);
            final long target = leaderNow == null ? 0 : leaderNow.commitPosition();
            while (true)
            {
                final LocalMembers.Local restarted = local.find(member, s);
                if (restarted != null && restarted.commitPosition() >= target &&
                    ("FOLLOWER".equals(restarted.role()) || "LEADER".equals(restarted.role())))
                {
                    break;
                }
                if (System.nanoTime() > deadline)
                {
                    failures.add("member " + member + " did not catch up on shard " + s + " within " +
                        CATCH_UP_TIMEOUT_MS + " ms of its restart");
                    break;
                }
                Thread.sleep(20);
            }
        }
    }
}
