package io.flashsale.bench.crash;

import java.io.PrintWriter;
import java.util.List;

/**
 * The result of a crash run: one row per kill point, the final journal check, and the totals.
 *
 * @param killPoints      every kill and restart.
 * @param finalFailures   failures of the final checks (full retries, journal, audit); empty when clean.
 * @param acknowledged    orders acknowledged over the whole run.
 * @param rejected        buys rejected (4xx or 503) and still unordered.
 * @param unknownBuys     buys whose answer a kill swallowed.
 * @param unknownChanges  pays and cancels whose answer a kill swallowed.
 * @param requests        requests sent by the clients.
 * @param journalOrders   orders found in the journal after the final stop.
 * @param nodeWarnings    WARN/ERROR lines the node logged (first ones).
 */
public record CrashReport(
    List<KillPoint> killPoints,
    List<String> finalFailures,
    long acknowledged,
    long rejected,
    long unknownBuys,
    long unknownChanges,
    long requests,
    long journalOrders,
    List<String> nodeWarnings)
{
    /**
     * @return true if every check passed.
     */
    public boolean passed()
    {
        return finalFailures.isEmpty() && killPoints.stream().allMatch(KillPoint::passed);
    }

    /**
     * Print the table of kill points, the totals and every failure.
     *
     * @param out where to.
     */
    public void print(final PrintWriter out)
    {
        out.printf("%5s %8s %10s %9s %11s %11s %10s %9s %10s %8s %s%n", "kill", "ran ms", "acked", "unknown",
            "jrn records", "jrn file MB", "restart ms", "replay ms", "replayed", "checks", "result");
        for (final KillPoint k : killPoints)
        {
            out.printf("%5d %8d %10d %9d %11d %11.1f %10d %9d %10d %8d %s%n", k.number(), k.ranMillis(),
                k.acknowledged(), k.unknown(), k.journalRecords(), k.journalBytes() / 1e6, k.restartMillis(),
                k.replayMillis(), k.recordsReplayed(), k.checks(), k.passed() ? "passed" : "FAILED (" +
                k.failures().size() + ")");
        }
        out.printf("requests %d, orders acknowledged %d, rejected buys %d, unknown buys %d, unknown pays/cancels %d, " +
            "orders in journal %d%n", requests, acknowledged, rejected, unknownBuys, unknownChanges, journalOrders);
        for (final KillPoint k : killPoints)
        {
            for (final String f : k.failures())
            {
                out.println("kill " + k.number() + ": " + f);
            }
        }
        for (final String f : finalFailures)
        {
            out.println("final: " + f);
        }
        if (!nodeWarnings.isEmpty())
        {
            out.println("node warnings (first " + nodeWarnings.size() + "):");
            nodeWarnings.forEach(w -> out.println("  " + w));
        }
        out.println(passed() ? "all checks passed" : "CHECKS FAILED");
        out.flush();
    }
}
