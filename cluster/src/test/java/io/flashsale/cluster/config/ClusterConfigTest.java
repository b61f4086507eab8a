package io.flashsale.cluster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterConfigTest
{
    private static final String VALID = """
        {
          "members": [
            {"id": 0, "host": "10.0.0.1", "archivePort": 9000},
            {"id": 1, "host": "10.0.0.2", "archivePort": 9000},
            {"id": 2, "host": "10.0.0.3", "archivePort": 9001}
          ],
          "shards": [{"id": 0, "portBase": 9100}, {"id": 1, "portBase": 9200}],
          "gateway": {"host": "127.0.0.1", "port": 8081},
          "sale": "../sales/singles-day.json",
          "heartbeatTimeoutMs": 2000,
          "heartbeatIntervalMs": 200,
          "archiveSyncLevel": 1
        }
        """;

    @TempDir
    Path directory;

    @Test
    void shouldReadAValidFile() throws IOException
    {
        final Path file = write("conf/cluster.json", VALID);
        final ClusterConfig config = ClusterConfig.read(file);

        assertEquals(3, config.members().size());
        assertEquals(new ClusterConfig.Member(2, "10.0.0.3", 9001), config.member(2));
        assertEquals(List.of(new ClusterConfig.Shard(0, 9100), new ClusterConfig.Shard(1, 9200)), config.shards());
        assertEquals("127.0.0.1", config.gatewayHost());
        assertEquals(8081, config.gatewayPort());
        assertEquals(directory.resolve("sales/singles-day.json").toAbsolutePath(), config.saleFile(),
            "the sale path is relative to the cluster file's directory");
        assertEquals(2000, config.heartbeatTimeoutMs());
        assertEquals(200, config.heartbeatIntervalMs());
        assertEquals(1, config.archiveSyncLevel());

        assertEquals(9212, config.port(1, 1, ClusterConfig.LOG));
        assertEquals("0,10.0.0.1:9200,10.0.0.1:9201,10.0.0.1:9202,10.0.0.1:9203,10.0.0.1:9000|" +
            "1,10.0.0.2:9210,10.0.0.2:9211,10.0.0.2:9212,10.0.0.2:9213,10.0.0.2:9000|" +
            "2,10.0.0.3:9220,10.0.0.3:9221,10.0.0.3:9222,10.0.0.3:9223,10.0.0.3:9001", config.clusterMembers(1));
        assertEquals("0=10.0.0.1:9100,1=10.0.0.2:9110,2=10.0.0.3:9120", config.ingressEndpoints(0));
        assertEquals("0=10.0.0.1:9200,1=10.0.0.2:9210,2=10.0.0.3:9220", config.ingressEndpoints(1));
    }

    @Test
    void shouldApplyDefaultsForTheOptionalFields()
    {
        final ClusterConfig config = ClusterConfig.parse("""
            {"members": [{"id": 0, "host": "127.0.0.1", "archivePort": 9000}], "shards": [{"id": 0, "portBase": 9100}]}
            """, directory);

        assertEquals("0.0.0.0", config.gatewayHost());
        assertEquals(8080, config.gatewayPort());
        assertNull(config.saleFile(), "the embedded demo sale");
        assertEquals(ClusterConfig.DEFAULT_HEARTBEAT_TIMEOUT_MS, config.heartbeatTimeoutMs());
        assertEquals(ClusterConfig.DEFAULT_HEARTBEAT_INTERVAL_MS, config.heartbeatIntervalMs());
        assertEquals(0, config.archiveSyncLevel());
        assertEquals("0,127.0.0.1:9100,127.0.0.1:9101,127.0.0.1:9102,127.0.0.1:9103,127.0.0.1:9000",
            config.clusterMembers(0));
    }

    @Test
    void shouldRefuseShardsWhosePortBlocksOverlap() throws IOException
    {
        assertFault(VALID.replace("\"portBase\": 9200", "\"portBase\": 9102"),
            "port 10.0.0.1:9102 is used twice: by shard 0 member 0 and by shard 1 member 0");
    }

    @Test
    void shouldRefuseAnArchivePortInsideAShardBlock() throws IOException
    {
        assertFault(VALID.replace("\"host\": \"10.0.0.3\", \"archivePort\": 9001",
            "\"host\": \"10.0.0.3\", \"archivePort\": 9221"),
            "port 10.0.0.3:9221 is used twice: by member 2 archive and by shard 1 member 2");
    }

    @Test
    void shouldRefuseAnUnknownMember() throws IOException
    {
        final ClusterConfig config = ClusterConfig.read(write("cluster.json", VALID));
        final ClusterConfigException ex = assertThrows(ClusterConfigException.class, () -> config.member(7));
        assertEquals("unknown member 7: the cluster file names members 0..2", ex.getMessage());
    }

    @Test
    void shouldRefuseAFileWithoutShards() throws IOException
    {
        assertFault("""
            {"members": [{"id": 0, "host": "127.0.0.1", "archivePort": 9000}]}
            """, "\"shards\" must be an array");
    }

    @Test
    void shouldRefuseIdsOutOfOrder() throws IOException
    {
        assertFault(VALID.replace("{\"id\": 1, \"host\"", "{\"id\": 3, \"host\""),
            "member ids must be 0..2 in order; found 3 at position 1");
        assertFault(VALID.replace("{\"id\": 0, \"portBase\": 9100}, {\"id\": 1,",
            "{\"id\": 1, \"portBase\": 9100}, {\"id\": 0,"), "shard ids must be 0..1 in order; found 1 at position 0");
    }

    @Test
    void shouldRefuseUnknownFields() throws IOException
    {
        assertFault(VALID.replace("\"archiveSyncLevel\"", "\"archiveSyncLvl\""), "unknown field \"archiveSyncLvl\"");
        assertFault(VALID.replace("\"host\": \"10.0.0.2\"", "\"hots\": \"10.0.0.2\""),
            "unknown field \"members[].hots\"");
    }

    @Test
    void shouldRefuseMalformedJsonInOneLine() throws IOException
    {
        final Path file = write("cluster.json", VALID.substring(0, VALID.indexOf("\"gateway\"")));
        final ClusterConfigException ex = assertThrows(ClusterConfigException.class, () -> ClusterConfig.read(file));
        assertTrue(ex.getMessage().startsWith(file + ": not valid JSON: "), ex.getMessage());
        assertFalse(ex.getMessage().contains("\n"), "one line: " + ex.getMessage());
    }

    @Test
    void shouldRefuseAMissingFile()
    {
        final Path file = directory.resolve("absent.json");
        final ClusterConfigException ex = assertThrows(ClusterConfigException.class, () -> ClusterConfig.read(file));
        assertEquals(file + ": no such file", ex.getMessage());
    }

    private void assertFault(final String json, final String fault) throws IOException
    {
        final Path file = write("faulty.json", json);
        final ClusterConfigException ex = assertThrows(ClusterConfigException.class, () -> ClusterConfig.read(file));
        assertEquals(file + ": " + fault, ex.getMessage());
    }

    private Path write(final String name, final String content) throws IOException
    {
        final Path file = directory.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
