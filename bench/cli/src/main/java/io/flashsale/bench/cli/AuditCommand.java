package io.flashsale.bench.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

import io.flashsale.engine.audit.AuditReport;
import io.flashsale.engine.audit.JournalAudit;
import io.flashsale.engine.command.OrderState;
import io.flashsale.engine.journal.DataDirectoryLayout;
import io.flashsale.gateway.cli.CommandLines;
import io.flashsale.process.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flashsale audit DIR}: checks every invariant of a node's journal offline and exits non-zero on a violation.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
        "Replay a node's journal offline and check every invariant: no SKU oversold (sold + held + available = " +
            "stock + restocks), no buyer above the per-user limit, no request id with two orders, order ids in " +
            "sequence, changes only to RESERVED orders, payments before and expiries after the deadline, and the " +
            "newest snapshot equal to the journal at its index.",
        "Prints a summary and exits 1 listing the offending records (with their journal index) on any violation.",
        "Safe beside a running node: the journal is opened read-only and what was committed so far is audited."
    })
public final class AuditCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", defaultValue = "data", paramLabel = "DIR",
        description = "The node's data directory (holding journal/ and snapshots/). Default: ${DEFAULT-VALUE}")
    private Path dataDirectory;

    @Option(names = "--skus", defaultValue = "20",
        description = "How many SKUs to list, busiest first (0 = all). Default: ${DEFAULT-VALUE}")
    private int skuLines;

    @Override
    public Integer call()
    {
        if (skuLines < 0)
        {
            throw CommandLines.badInput(spec, "--skus must be 0 (all) or more, got " + skuLines);
        }
        final Path journal = DataDirectoryLayout.journal(dataDirectory);
        if (!Files.isDirectory(journal))
        {
            throw CommandLines.badInput(spec, "no journal in " + dataDirectory + " (expected " + journal + ")");
        }
        final AuditReport report = JournalAudit.run(dataDirectory);
        printSkus(report, System.out);
        print(report, System.out);
        return report.clean() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    static void print(final AuditReport report, final PrintStream out)
    {
        out.printf("journal: %,d records in %,d excerpts%n", report.records(), report.excerpts());
        final long[] byState = report.ordersByState();
        out.printf("orders: %,d RESERVED, %,d PAID, %,d CANCELLED, %,d EXPIRED%n",
            byState[OrderState.RESERVED.ordinal()], byState[OrderState.PAID.ordinal()],
            byState[OrderState.CANCELLED.ordinal()], byState[OrderState.EXPIRED.ordinal()]);
        out.printf("buyer/SKU pairs at the per-user limit: %,d%n", report.usersAtLimit());
        out.println("snapshot: " + report.snapshotCheck());
        long total = 0;
        long available = 0;
        long held = 0;
        long sold = 0;
        for (final AuditReport.SkuUnits sku : report.skus())
        {
            total += sku.total();
            available += sku.available();
            held += sku.held();
            sold += sku.sold();
        }
        out.printf("units over %,d SKUs: stock %,d = sold %,d + held %,d + available %,d%n",
            report.skus().size(), total, sold, held, available);
        if (report.clean())
        {
            out.println("audit: OK, no violation");
        }
        else
        {
            out.printf("audit: %,d VIOLATION(S)%n", report.violations().size());
            report.violations().forEach(v -> out.println("  " + v));
        }
    }

    private void printSkus(final AuditReport report, final PrintStream out)
    {
        final List<AuditReport.SkuUnits> skus = new ArrayList<>(report.skus());
        skus.sort(Comparator.comparingLong((AuditReport.SkuUnits s) -> s.sold() + s.held()).reversed());
        final int n = skuLines == 0 ? skus.size() : Math.min(skuLines, skus.size());
        out.printf("%12s %12s %12s %12s %12s%n", "sku", "stock", "sold", "held", "available");
        for (int i = 0; i < n; i++)
        {
            final AuditReport.SkuUnits s = skus.get(i);
            out.printf("%12d %12d %12d %12d %12d%n", s.skuId(), s.total(), s.sold(), s.held(), s.available());
        }
        if (n < skus.size())
        {
            out.printf("(%,d more SKUs; --skus 0 lists all)%n", skus.size() - n);
        }
    }
}
