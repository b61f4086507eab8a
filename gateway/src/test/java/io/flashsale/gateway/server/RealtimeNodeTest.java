package io.flashsale.gateway.server;

import static io.flashsale.gateway.support.TestNode.buy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.client.HttpConnection;
import io.flashsale.gateway.cli.RunCommand;
import io.flashsale.gateway.support.TestNode;
import io.flashsale.process.RealtimePriority;
import picocli.CommandLine;

/**
 * A node asked for real-time scheduling runs its engine thread and event loop SCHED_FIFO (read back from
 * {@code /proc}) and sells as usual; where the process may not take the priority both stay on the default scheduler.
 * {@code flashsale run} refuses the option, before creating anything, for an engine that would spin or yield.
 */
class RealtimeNodeTest
{
    @TempDir
    Path dataDir;

    @Test
    void shouldRunTheEngineAndEventLoopRealTimeAndSell() throws Exception
    {
        final int priority = 10;
        final String expected = RealtimePriority.check(priority) == null ? "1 " + priority : "0 0";
        try (GatewayServer server = TestNode.start(dataDir, TestNode.gatewayConfig().realtimePriority(priority),
            TestNode.engineConfig(dataDir).realtimePriority(priority), UnaryOperator.identity());
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
    void shouldRefuseARealTimeEngineThatWouldYieldBeforeCreatingAnything()
    {
        final Path dir = dataDir.resolve("never");
        final StringWriter err = new StringWriter();
        final CommandLine command = new CommandLine(new RunCommand()).setErr(new PrintWriter(err));
        final int exit = command.execute("--realtime-priority", "5", "--wait-strategy", "YIELDING", "--port", "0",
            "--data-dir", dir.toString());
        assertEquals(2, exit, err.toString());
        assertTrue(err.toString().contains("--wait-strategy BLOCKING or PHASED, not YIELDING"), err.toString());
        assertFalse(Files.exists(dir), "nothing created");
    }
}
