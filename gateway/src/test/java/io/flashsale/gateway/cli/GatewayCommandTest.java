package io.flashsale.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * {@code flashsale gateway} refuses a cluster file or sale it cannot use with one line and exit 2, before it starts
 * anything.
 */
class GatewayCommandTest
{
    private static final String MEMBERS = "\"members\":[{\"id\":0,\"host\":\"127.0.0.1\",\"archivePort\":19000}]";

    @TempDir
    Path dir;

    @Test
    void shouldRefuseOverlappingPortsWithOneLine() throws Exception
    {
        assertRefused("{" + MEMBERS + ",\"shards\":[{\"id\":0,\"portBase\":19000}]}",
            "port 127.0.0.1:19000 is used twice: by member 0 archive and by shard 0 member 0");
    }

    @Test
    void shouldRefuseAMissingShardList() throws Exception
    {
        assertRefused("{" + MEMBERS + "}", "\"shards\" must be an array");
    }

    @Test
    void shouldRefuseAMissingSaleFile() throws Exception
    {
        assertRefused("{" + MEMBERS + ",\"shards\":[{\"id\":0,\"portBase\":19100}],\"sale\":\"absent.json\"}",
            "no such file or directory: ");
    }

    @Test
    void shouldRefuseAShardMapThatDoesNotFitTheCluster() throws Exception
    {
        Files.writeString(dir.resolve("sale.json"), "{\"id\":1,\"name\":\"s\",\"opensAt\":\"now\"," +
            "\"closesAt\":\"PT1H\"," +
            "\"paymentWindowSeconds\":600,\"skus\":[{\"id\":5,\"store\":1,\"name\":\"x\",\"price\":1,\"stock\":1," +
            "\"limit\":1}],\"shardMap\":{\"version\":2,\"shards\":3}}", StandardCharsets.UTF_8);
        assertRefused("{" + MEMBERS + ",\"shards\":[{\"id\":0,\"portBase\":19100}],\"sale\":\"sale.json\"}",
            "spreads SKUs over 3 shard(s) but the cluster file names 1");
    }

    private void assertRefused(final String clusterFile, final String expected) throws Exception
    {
        final Path file = dir.resolve("cluster.json");
        Files.writeString(file, clusterFile, StandardCharsets.UTF_8);
        final StringWriter err = new StringWriter();
        final CommandLine command = CommandLines.configure(new CommandLine(new GatewayCommand()));
        command.setErr(new PrintWriter(err));
        final int exit = command.execute("--config", file.toString(), "--port", "0");
        final String text = err.toString();
        assertEquals(GatewayCommand.EXIT_BAD_CONFIG, exit, text);
        assertTrue(text.startsWith("flashsale gateway: ") && text.contains(expected), text);
        assertEquals(1, text.strip().lines().count(), text);
        assertFalse(text.contains("Exception"), text);
    }
}
