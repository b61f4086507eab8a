package io.flashsale.bench.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogProcessor;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.client.Outcome;
import io.flashsale.engine.command.CommandResult;
import io.flashsale.engine.pipeline.EngineConfig;
import io.flashsale.engine.pipeline.ResultSink;
import io.flashsale.gateway.config.GatewayConfig;
import io.flashsale.gateway.config.SaleParser;
import io.flashsale.gateway.server.GatewayServer;

/**
 * Real sockets against a real node in this JVM. Asserts correctness (audit, idempotency, outputs) and the
 * measurement's semantics, never speed.
 */
class LoadGeneratorTest
{
    private static final long SECOND = 1_000_000_000L;

    /**
     * The sale the generator drives: a handful of limited lots (one with stock 3 and limit 1, the Maserati) and
     * everyday goods with large stock; opens now, with a 2 s payment window so orders expire during a test.
     */
    static final String SALE = "{\"id\":11,\"name\":\"test sale\",\"opensAt\":\"now\",\"closesAt\":\"PT2H\"," +
        "\"paymentWindowSeconds\":2,\"stores\":[{\"id\":1,\"name\":\"Maserati\"},{\"id\":2,\"name\":\"Nike\"}]," +
        "\"skus\":[" +
        "{\"id\":1001,\"store\":1,\"name\":\"limited Maserati\",\"price\":48600000,\"stock\":3,\"limit\":1}," +
        "{\"id\":1002,\"store\":2,\"name\":\"limited sneaker\",\"price\":19900,\"stock\":40,\"limit\":2}," +
        "{\"id\":1003,\"store\":2,\"name\":\"sneaker lot B\",\"price\":12900,\"stock\":150,\"limit\":2}," +
        "{\"id\":1004,\"store\":2,\"name\":\"socks\",\"price\":900,\"stock\":100000,\"limit\":5}," +
        "{\"id\":1005,\"store\":2,\"name\":\"toothbrush\",\"price\":1500,\"stock\":100000,\"limit\":5}," +
        "{\"id\":1006,\"store\":2,\"name\":\"razor\",\"price\":4900,\"stock\":100000,\"limit\":5}]}";

    /**
     * A real node on a free loopback port with {@link #SALE}, default engine settings and the data directory given.
     */
    static GatewayServer startNode(final Path dataDir, final UnaryOperator<ResultSink> sinkDecorator)
    {
        return GatewayServer.start(new GatewayConfig().port(0), new EngineConfig().dataDirectory(dataDir),
            SaleParser.parse(SALE.getBytes(StandardCharsets.UTF_8), System.currentTimeMillis()), sinkDecorator);
    }

    private static URI url(final GatewayServer node)
    {
        return URI.create("http://127.0.0.1:" + node.port());
    }

    private static LoadPlan plan(final URI url, final double peak, final long durationNanos, final int connections,
        final int pipeline, final int threads, final String transport)
    {
        return plan(url, peak, durationNanos, connections, pipeline, threads, transport, 200_000L);
    }

    private static LoadPlan plan(final URI url, final double peak, final long durationNanos, final int connections,
        final int pipeline, final int threads, final String transport, final long tickNanos)
    {
        final RateSchedule schedule = new RateSchedule(SaleProfile.builtIn(10, 3, 0.15), peak, durationNanos);
        return new LoadPlan(url, schedule, connections, pipeline, threads, transport, 2_000, 1.1, 0.05, 0.5, 3,
            20_000_000L, 0.2, 5_000_000L, 0.5, 0.2, 100_000_000L, 5 * SECOND, tickNanos, 7, "t" + System.nanoTime());
    }

    @Test
    void shouldRunTheSaleDayAndPassTheAuditWithResubmissionsBotsPaymentsAndExpiry(@TempDir final Path dir)
        throws Exception
    {
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final RunResult r;
        try (GatewayServer node = startNode(dir.resolve("journal"), UnaryOperator.identity()))
        {
            r = new LoadGenerator(plan(url(node), 800, 5 * SECOND, 8, 1, 1, "auto"), dir, "run",
                new PrintStream(console, true, StandardCharsets.UTF_8), "line", true).run();
        }
        final String text = TextReport.render(r);
        assertTrue(r.passed(), text);
        assertTrue(r.orders() > 50, text);
        assertTrue(r.duplicateChecks() > 0, text);
        assertEquals(0, r.duplicateViolations(), text);
        assertTrue(r.outcomeHistogram(Outcome.SOLD_OUT).getTotalCount() > 0, "the Maserati sells out: " + text);
        assertTrue(r.outcomeHistogram(Outcome.LIMIT_EXCEEDED).getTotalCount() > 0, "bots hit the limit: " + text);
        assertTrue(r.outcomeHistogram(Outcome.PAID).getTotalCount() > 0, text);
        assertTrue(r.outcomeHistogram(Outcome.BROWSED).getTotalCount() > 0, "pre-sale browsing: " + text);
        assertTrue(r.ordersByState()[OrderLedger.EXPIRED] > 0, "2 s payment window lets orders expire: " + text);
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("achieved"), "progress lines printed");
        assertTrue(r.samples().size() >= 5);

        long logged = 0;
        try (HistogramLogReader reader = new HistogramLogReader(r.hlog().toFile()))
        {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null)
            {
                if (h.getTag() == null)
                {
                    logged += ((Histogram)h).getTotalCount();
                }
            }
        }
        assertEquals(r.phaseHistogram(null).getTotalCount(), logged, "the .hlog holds every answer");
        assertHistogramLogProcessorReadsItWithDefaults(r, dir);
        for (int o = 0; o < Outcome.count(); o++)
        {
            final String outcome = Outcome.byOrdinal(o).name();
            assertEquals(r.outcomeHistogram(Outcome.byOrdinal(o)).getTotalCount(),
                r.samples().stream().mapToLong(s -> s.outcomes().getOrDefault(outcome, 0L)).sum(),
                "per-second samples add up to the run's " + outcome + " answers");
        }
        ReportTest.assertDrawnAsCounted(r, dir);
    }

    /**
     * HdrHistogram's own HistogramLogProcessor, default options (values in ns, output in ms), finds the run's
     * maximum and count, for all requests and for one request kind's tag.
     */
    private static void assertHistogramLogProcessorReadsItWithDefaults(final RunResult r, final Path dir)
        throws Exception
    {
        final Path out = dir.resolve("processed");
        new HistogramLogProcessor(new String[]{"-i", r.hlog().toString(), "-o", out.toString()}).run();
        final String hgrm = Files.readString(Path.of(out + ".hgrm"), StandardCharsets.UTF_8);
        final Matcher max = Pattern.compile("#\\[Max\\s*=\\s*([0-9.]+), Total count\\s*=\\s*(\\d+)").matcher(hgrm);
        assertTrue(max.find(), hgrm);
        final Histogram all = r.phaseHistogram(null);
        assertEquals(all.getTotalCount(), Long.parseLong(max.group(2)), hgrm);
        assertEquals(all.getMaxValue() / 1e6, Double.parseDouble(max.group(1)), all.getMaxValue() / 1e6 * 0.01 + 0.01,
            "max in ms: " + hgrm);
        final Path buys = dir.resolve("processed-buy");
        new HistogramLogProcessor(new String[]{"-i", r.hlog().toString(), "-o", buys.toString(), "-tag", "buy"}).run();
        final Matcher buyCount = Pattern.compile("Total count\\s*=\\s*(\\d+)")
            .matcher(Files.readString(Path.of(buys + ".hgrm"), StandardCharsets.UTF_8));
        assertTrue(buyCount.find());
        assertEquals(r.histogram(RequestKind.BUY, null, null).getTotalCount(), Long.parseLong(buyCount.group(1)));
    }

    @Test
    void shouldPipelineOnSeveralThreadsWithNio(@TempDir final Path dir) throws Exception
    {
        final RunResult r;
        try (GatewayServer node = startNode(dir.resolve("journal"), UnaryOperator.identity()))
        {
            r = new LoadGenerator(plan(url(node), 1500, 3 * SECOND, 4, 8, 2, "nio"), dir, "pipelined",
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), "off", true).run();
        }
        assertTrue(r.passed(), TextReport.render(r));
        assertEquals("nio", r.transport());
        assertEquals(0, r.protocolErrors());
        assertEquals(0, r.unknownBuys());
    }

    @Test
    void shouldSendEachRequestAtItsDueTimeNotAtTheNextTick(@TempDir final Path dir) throws Exception
    {
        final long tick = 500_000_000L; // with sends only on ticks, a send would wait up to 500 ms (p99 about 495 ms)
        final RunResult r;
        try (GatewayServer node = startNode(dir.resolve("journal"), UnaryOperator.identity()))
        {
            r = new LoadGenerator(plan(url(node), 300, 3 * SECOND, 4, 8, 1, "auto", tick), dir, "due",
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), "off", true).run();
        }
        assertTrue(r.passed(), TextReport.render(r));
        assertTrue(r.sendLag().getTotalCount() > 100, "sent: " + r.sendLag().getTotalCount());
        final long p99 = r.sendLag().getValueAtPercentile(99);
        assertTrue(p99 < tick / 2, "send lag p99 " + p99 / 1_000_000 + " ms with a " + tick / 1_000_000 + " ms tick");
    }

    @Test
    void shouldChargeAServerStallToEveryRequestScheduledDuringItNotOnlyToTheOnesInFlight(@TempDir final Path dir)
        throws Exception
    {
        final AtomicBoolean stalled = new AtomicBoolean();
        final long stallMillis = 600;
        final UnaryOperator<ResultSink> stallOnce = sink -> new ResultSink()
        {
            private long results;

            @Override
            public void onResult(final CommandResult result)
            {
                // The injected fault: the engine thread freezes once, mid-run (after 1,500 results, not at a clock
                // time). Its length only bounds the asserted values from below (a slower machine makes more
                // requests late, not fewer), so the assertions do not depend on the machine's speed.
                if (++results == 1_500 && stalled.compareAndSet(false, true))
                {
                    try
                    {
                        Thread.sleep(stallMillis);
                    }
                    catch (final InterruptedException ex)
                    {
                        Thread.currentThread().interrupt();
                    }
                }
                sink.onResult(result);
            }

            @Override
            public void onEndOfBatch()
            {
                sink.onEndOfBatch();
            }
        };
        final RunResult r;
        final RateSchedule flat = new RateSchedule(SaleProfile.of(new double[]{0, 24}, new double[]{1, 1}), 1000,
            4 * SECOND);
        try (GatewayServer node = startNode(dir.resolve("journal"), stallOnce))
        {
            final LoadPlan base = plan(url(node), 1000, 4 * SECOND, 4, 1, 1, "auto");
            final LoadPlan constant = new LoadPlan(base.target(), flat, 4, 1, 1, "auto", base.users(), 1.1, 0, 0, 0,
                base.retryBackoffNanos(), 0, base.resubmitDelayNanos(), 0, 0, base.payDelayNanos(), base.drainNanos(),
                base.tickNanos(), 1, base.runTag());
            r = new LoadGenerator(constant, dir, "stall",
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), "off", true).run();
        }
        assertTrue(stalled.get());
        final Histogram all = r.phaseHistogram(null);
        final long slow = all.getCountBetweenValues(100_000_000L, LiveStats.HIGHEST_NANOS);
        // A closed-loop client would record at most one slow answer per connection (4). Open loop: about
        // rate x stall / 2 = 300 requests were due during the 600 ms stall and each waited its share of it.
        assertTrue(slow > 100, "slow answers " + slow + "\n" + TextReport.render(r));
        assertTrue(all.getMaxValue() >= 500_000_000L, "max " + all.getMaxValue());
        assertTrue(r.passed(), TextReport.render(r));
    }
}
