package io.flashsale.bench.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flashsale.gateway.server.GatewayServer;
import io.flashsale.process.ExitCodes;
import picocli.CommandLine;

/**
 * Three generator processes share one schedule against one node ({@code --part i/3 --start-at T}), then
 * {@code loadgen merge} makes one run of them: its counts, histograms, interval log and orders are exactly the sum of
 * the parts', its percentiles come from the added histograms, and its audit over all three ledgers passes.
 */
class MultiGeneratorTest
{
    private static final int PARTS = 3;
    private static final long START_DELAY_MILLIS = 8_000;

    @Test
    void shouldMergeThreeGeneratorProcessesIntoOneRunAndOneAudit(@TempDir final Path dir) throws Exception
    {
        final ObjectMapper json = new ObjectMapper();
        final List<Path> partDirs = new ArrayList<>();
        final String merged;
        final int mergeExit;
        try (GatewayServer node = LoadGeneratorTest.startNode(dir.resolve("journal"), UnaryOperator.identity()))
        {
            final String url = "http://127.0.0.1:" + node.port();
            final List<Process> generators = startGenerators(url, dir, partDirs);
            for (int i = 0; i < PARTS; i++)
            {
                final Process p = generators.get(i);
                assertTrue(p.waitFor(90, TimeUnit.SECONDS), "generator " + (i + 1) + " finished");
                assertEquals(ExitCodes.OK, p.exitValue(),
                    Files.readString(dir.resolve("part-" + (i + 1) + ".log"), StandardCharsets.UTF_8));
            }
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final PrintStream original = System.out;
            try
            {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                final List<String> args = new ArrayList<>(List.of("merge", "--report-dir",
                    dir.resolve("merged").toString(), "--name", "all", "--threshold", "errors<5%"));
                partDirs.forEach(d -> args.add(d.toString()));
                mergeExit = new CommandLine(new LoadgenCommand()).execute(args.toArray(String[]::new));
            }
            finally
            {
                System.setOut(original);
            }
            merged = out.toString(StandardCharsets.UTF_8);
        }
        assertEquals(ExitCodes.OK, mergeExit, merged);
        assertTrue(merged.contains("audit: PASSED"), merged);
        assertTrue(merged.contains("merged from 3 generators"), merged);

        final JsonNode all = json.readTree(dir.resolve("merged/all.summary.json").toFile());
        final Histogram added = LiveStats.histogram();
        long arrivals = 0;
        long answers = 0;
        long buys = 0;
        long orders = 0;
        long ledgerOrders = 0;
        long logged = 0;
        for (int i = 1; i <= PARTS; i++)
        {
            final Path partDir = dir.resolve("part-" + i);
            final JsonNode part = json.readTree(partDir.resolve("part-" + i + ".summary.json").toFile());
            assertEquals(i + "/" + PARTS, part.path("part").asText());
            arrivals += part.path("offered").path("arrivals").asLong();
            answers += part.path("latency").path("all").path("count").asLong();
            buys += part.path("latency").path("byKind").path("buy").path("count").asLong();
            orders += part.path("orders").path("acknowledged").asLong();
            added.add(SummaryJson.read(partDir.resolve("part-" + i + ".summary.json")).result().phaseHistogram(null));
            logged += loggedCount(partDir.resolve("part-" + i + ".hlog"));
            final AuditInput ledger = LedgerFile.read(partDir.resolve("part-" + i + ".ledger.json"));
            for (final OrderLedger l : ledger.ledgers())
            {
                for (int slot = 0; slot < l.size(); slot++)
                {
                    ledgerOrders++;
                    assertEquals(i - 1, (l.user(slot) - 1) % PARTS, "part " + i + " buys as its own buyers");
                    assertEquals(i - 1, l.request(slot) % PARTS, "part " + i + " sends its own arrivals");
                }
            }
        }
        final RateSchedule schedule = SummaryJson.read(dir.resolve("merged/all.summary.json")).result().plan()
            .schedule();
        assertEquals(schedule.totalArrivals(), arrivals, "the parts together sent every arrival once");
        assertEquals(arrivals, all.path("offered").path("arrivals").asLong());
        assertEquals(answers, all.path("latency").path("all").path("count").asLong());
        assertEquals(buys, all.path("latency").path("byKind").path("buy").path("count").asLong());
        assertEquals(orders, all.path("orders").path("acknowledged").asLong());
        assertEquals(orders, ledgerOrders);
        assertTrue(orders > 20, "orders were placed: " + orders);
        assertEquals(answers, logged, "the parts' interval logs hold every answer");
        assertEquals(answers, loggedCount(dir.resolve("merged/all.hlog")), "so does the merged interval log");
        assertEquals(added.getValueAtPercentile(99) / 1e6, all.path("latency").path("all").path("p99").asDouble(),
            1e-9, "p99 of the added histograms, not an average of the parts' p99");
        assertEquals(added.getMaxValue() / 1e6, all.path("latency").path("all").path("max").asDouble(), 1e-9);
        assertTrue(all.path("audit").path("passed").asBoolean(), all.path("audit").toString());
        long held = 0;
        for (final JsonNode sku : all.path("audit").path("skus"))
        {
            held += sku.path("delta").asLong();
        }
        long expected = 0;
        for (final JsonNode sku : all.path("audit").path("skus"))
        {
            expected += sku.path("expected").asLong();
        }
        assertEquals(expected, held, "the server's stock moved by exactly the units all parts' buyers hold");
        assertTrue(all.path("thresholds").get(0).path("passed").asBoolean());
        assertTrue(Files.exists(dir.resolve("merged/all.html")));
    }

    private static List<Process> startGenerators(final String url, final Path dir, final List<Path> partDirs)
        throws Exception
    {
        final long startAt = System.currentTimeMillis() + START_DELAY_MILLIS;
        final List<Process> generators = new ArrayList<>();
        for (int i = 1; i <= PARTS; i++)
        {
            final Path partDir = dir.resolve("part-" + i);
            partDirs.add(partDir);
            generators.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                GeneratorMain.class.getName(), "--url", url, "--part", i + "/" + PARTS, "--start-at",
                Long.toString(startAt), "--peak", "900", "--duration", "3s", "--warmup", "0", "--connections", "2",
                "--pay-delay", "100ms", "--drain", "3s", "--users", "3000", "--progress", "off", "--report-dir",
                partDir.toString(), "--name", "part-" + i)
                .redirectErrorStream(true).redirectOutput(dir.resolve("part-" + i + ".log").toFile()).start());
        }
        return generators;
    }

    private static long loggedCount(final Path hlog) throws Exception
    {
        long n = 0;
        try (HistogramLogReader reader = new HistogramLogReader(hlog.toFile()))
        {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null)
            {
                if (h.getTag() == null)
                {
                    n += ((Histogram)h).getTotalCount();
                }
            }
        }
        return n;
    }
}
