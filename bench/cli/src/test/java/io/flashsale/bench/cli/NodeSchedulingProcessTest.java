package io.flashsale.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.bench.crash.CrashSale;
import io.flashsale.bench.crash.NodeProcess;
import io.flashsale.client.HttpConnection;
import io.flashsale.client.Requests;
import io.flashsale.process.CompilerThreads;

/**
 * A node in its own JVM with the default scheduling options, read from the outside through {@code /proc}: once it
 * serves, every JIT compiler thread of its JVM is {@code SCHED_IDLE}, while the engine thread and the event loop keep
 * the default policy; and it still answers buys.
 */
class NodeSchedulingProcessTest
{
    private static final String SCHED_OTHER = "0";

    @Test
    void shouldServeWithIdleCompilerThreadsAndNormalLatencyCriticalThreads(@TempDir final Path dir) throws Exception
    {
        final Path sale = CrashSale.write(dir.resolve("sale.json"));
        try (NodeProcess node = NodeProcess.start(System.getProperty("java.class.path"), "256m", dir.resolve("data"),
            sale, "sched-token", 0, dir.resolve("node.log")))
        {
            node.awaitHealthy(120_000);
            try (HttpConnection client = new HttpConnection(node.port(), 10_000))
            {
                final String buy = Requests.buy(2005, 1, 1, "sched-1");
                assertEquals(201, client.exchange("POST", Requests.ORDERS, buy).status());
            }
            final String pid = Long.toString(node.pid());
            final List<String> compilers = CompilerThreads.policies(pid);
            assertFalse(compilers.isEmpty(), "the node's JVM has compiler threads");
            for (final String compiler : compilers)
            {
                assertTrue(compiler.endsWith(" " + CompilerThreads.SCHED_IDLE), compilers.toString());
            }
            assertEquals(List.of(SCHED_OTHER), policies(pid, "flashsale-engin"), "engine thread");
            assertEquals(List.of(SCHED_OTHER), policies(pid, "flashsale-http-"), "event loop");
        }
    }

    /** The policy of each thread of the process whose name starts with {@code prefix}. */
    private static List<String> policies(final String pid, final String prefix) throws Exception
    {
        final List<String> policies = new ArrayList<>();
        try (var tasks = Files.list(Path.of("/proc", pid, "task")))
        {
            for (final Path task : (Iterable<Path>)tasks::iterator)
            {
                if (Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).startsWith(prefix))
                {
                    final String stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
                    policies.add(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[41 - 3]);
                }
            }
        }
        return policies;
    }
}
