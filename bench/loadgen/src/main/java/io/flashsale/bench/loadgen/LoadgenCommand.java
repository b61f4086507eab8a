package io.flashsale.bench.loadgen;

import java.net.URI;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code flashsale loadgen}: drive a running gateway through a compressed Singles' Day, open loop, and report the
 * latency buyers would have seen.
 */
@Command(
    name = "loadgen",
    mixinStandardHelpOptions = true,
    subcommands = MergeCommand.class,
    sortOptions = false,
    description = {
        "Simulate a 24-hour Singles' Day sale against a running gateway and report latency, throughput and an audit.",
        "",
        "Open loop, wrk2 style: --rate N offers N arrivals/s constantly (wrk2's -R); --peak N (the default, 10000) " +
            "compresses the sale-day curve into --duration so that its busiest second offers N. Either becomes a " +
            "schedule of " +
            "intended send times (arrival k is due when the integral of the rate reaches k+0.5). Each request's " +
            "latency is measured from its intended send time, not from when it was actually written. When every " +
            "connection is busy (or the server stalls), due requests wait, keep their intended time, and go as soon " +
            "as a connection frees up, so the wait shows in the percentiles instead of silently lowering the rate: " +
            "no coordinated omission. Retries, resubmissions, payments and cancellations are scheduled the same way.",
        "",
        "Before 00:00 buyers only refresh product pages (GET /v1/skus/{id}); from 00:00 they buy. The SKUs come from " +
            "GET /v1/sales. Outputs: a live progress line, a text report (offered vs achieved rate, p50/p90/p99/" +
            "p99.9/max per phase and per outcome), an HTML report with the percentile curve and throughput over the " +
            "day, outcomes, orders/s and sold-out SKUs over time, an HdrHistogram interval log (.hlog, nanoseconds, " +
            "tagged by request kind) and, with --summary-json, the same as JSON.",
        "",
        "Several generators, one sale: run 'loadgen --part i/N --start-at T' on N machines (same options and T on " +
            "each), then 'loadgen merge DIR...' for one report, one percentile spectrum and one audit.",
        "",
        "Audit (assumes this is the only buyer on the node during the run): per SKU, units acknowledged and still " +
            "RESERVED or PAID equal the server's change in sold+held; no SKU oversold; no requestId with two orders; " +
            "no user above the limit.",
        "",
        "Exit codes: 0 = passed, 1 = audit failed, 2 = bad options or could not run (one line on stderr), " +
            "3 = a --threshold failed.",
        ""})
public final class LoadgenCommand implements Callable<Integer>
{
    @Option(names = {"-u", "--url"}, defaultValue = "http://127.0.0.1:8080",
        description = "Gateway base URL. Default: ${DEFAULT-VALUE}.")
    URI url;

    @Mixin
    LoadOptions options;

    @Override
    public Integer call() throws Exception
    {
        final LoadPlan plan = options.plan(url);
        return options.runAndReport(plan, System.out);
    }
}
