package io.flashsale.gateway.server;

import static io.flashsale.gateway.support.TestNode.buy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.flashsale.client.HttpConnection;
import io.flashsale.gateway.cli.RunCommand;
import io.flashsale.gateway.support.TestNode;
import io.flashsale.process.CompilerThreads;
import io.flashsale.process.RealtimePriority;
import io.flashsale.process.ThreadScheduling;
import io.flashsale.process.TimeSlice;
import picocli.CommandLine;

/**
 * How a node's engine thread and event loop are scheduled, read back from {@code /proc}: by default
 * {@code flashsale run} gives both a 100 µs time slice (where the kernel has per-thread slices); asked for
 * real-time, both run SCHED_FIFO (where the process may take it) and sell as usual. Bad scheduling options are refused
 * before anything is created.
 */
class ThreadSchedulingNodeTest
{
    private static final long KERNEL_SLICE_UNKNOWN = -1;

    @TempDir
    Path dataDir;

    @Test
    void shouldGiveTheEngineAndEventLoopAShortTimeSliceByDefault() throws Exception
    {
        final boolean slices = ThreadScheduling.slice(TimeSlice.MIN_NANOS).check() == null;
        final long before = TimeSlice.ofCurrentThread();
        final RunCommand command = new RunCommand();
        new CommandLine(command).parseArgs("--port", "0", "--data-dir", dataDir.toString(), "--ring-size", "1024",
            "--warm-up-orders", "0", "--jit-threads", "normal");
        try (GatewayServer server = command.start(); HttpConnection client = new HttpConnection(server.port()))
        {
            for (int i = 0; i < 20; i++)
            {
                assertEquals(201, client.exchange("POST", "/v1/orders", buy(21045, 600 + i, 1, "ts-" + i)).status());
            }
            final long expected = slices ? TimeSlice.MIN_NANOS : before;
            assertEquals(expected, TimeSlice.sliceOf("flashsale-engine"), "engine thread");
            assertEquals(expected, TimeSlice.sliceOf("flashsale-http-1-1"), "event loop");
            assertEquals("0 0", RealtimePriority.policyOf("flashsale-engine"), "not real-time");
            for (final String compiler : CompilerThreads.policies("self"))
            {
                assertTrue(compiler.endsWith(" 0"), "--jit-threads normal leaves the JIT alone: " + compiler);
            }
        }
        assertEquals(before, TimeSlice.ofCurrentThread(), "the calling thread keeps its slice");
    }

    @Test
    void shouldRunTheEngineAndEventLoopRealTimeAndSell() throws Exception
    {
        final int priority = 10;
        final ThreadScheduling realtime = ThreadScheduling.realtime(priority);
        final String expected = realtime.check() == null ? "1 " + priority : "0 0";
        try (GatewayServer server = TestNode.start(dataDir, TestNode.gatewayConfig().scheduling(realtime),
            TestNode.engineConfig(dataDir).scheduling(realtime), UnaryOperator.identity());
            HttpConnection client = new HttpConnection(server.port()))
        {
            for (int i = 0; i < 50; i++)
            {
                assertEquals(201, client.exchange("POST", "/v1/orders", buy(102, 500 + i, 1, "rt-" + i)).status());
            }
            assertEquals(expected, RealtimePriority.policyOf("flashsale-engine"), "engine thread");
            assertEquals(expected, RealtimePriority.policyOf("flashsale-http-1-1"), "event loop");
        }
    }

    @Test
    void shouldKeepTheKernelSliceWhenToldTo() throws Exception
    {
        final long kernel = TimeSlice.ofCurrentThread();
        assumeTrue(kernel != KERNEL_SLICE_UNKNOWN, "the kernel reports slices");
        final RunCommand command = new RunCommand();
        new CommandLine(command).parseArgs("--port", "0", "--data-dir", dataDir.toString(), "--ring-size", "1024",
            "--warm-up-orders", "0", "--jit-threads", "normal", "--time-slice", "0");
        try (GatewayServer server = command.start(); HttpConnection client = new HttpConnection(server.port()))
        {
            assertEquals(201, client.exchange("POST", "/v1/orders", buy(21045, 700, 1, "kernel-slice")).status());
            assertEquals(kernel, TimeSlice.sliceOf("flashsale-engine"), "engine thread");
            assertEquals(kernel, TimeSlice.sliceOf("flashsale-http-1-1"), "event loop");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--realtime-priority 5 --wait-strategy YIELDING | --wait-strategy BLOCKING or PHASED, not YIELDING",
        "--time-slice 50us | --time-slice: time slice must be 0 (the kernel's) or 100us..100ms: 50000 ns",
        "--time-slice 2s | --time-slice: time slice must be 0",
        "--time-slice soon | Invalid value for option '--time-slice'",
        "--time-slice 200us --realtime-priority 5 | exclude each other",
        "--realtime-priority 100 | --realtime-priority: real-time priority must be in 1..99: 100",
        "--jit-threads sleepy | --jit-threads must be idle or normal: sleepy"})
    void shouldRefuseBadSchedulingBeforeCreatingAnything(final String options, final String message)
    {
        final Path dir = dataDir.resolve("never");
        final StringWriter err = new StringWriter();
        final CommandLine command = new CommandLine(new RunCommand()).setErr(new PrintWriter(err));
        final String[] args = (options + " --port 0 --data-dir " + dir).split(" ");
        assertEquals(2, command.execute(args), err.toString());
        assertTrue(err.toString().contains(message), err.toString());
        assertFalse(Files.exists(dir), "nothing created");
    }
}
