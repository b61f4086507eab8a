package io.flashsale.cluster.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one file a cluster deployment is described by: the machines (members), the shards every member hosts one
 * replica of, the gateway's HTTP address and the sale. Every member process and every gateway reads the same file.
 * <pre>
 * {
 *   "members": [ {"id": 0, "host": "10.0.0.1", "archivePort": 9000}, ... ],   // ids 0..n-1, one per machine
 *   "shards":  [ {"id": 0, "portBase": 9100}, {"id": 1, "portBase": 9200} ], // ids 0..k-1
 *   "gateway": {"host": "0.0.0.0", "port": 8080},                          // optional
 *   "sale": "sale.json",                                                   // optional, relative to this file;
 *                                                                          // absent: the embedded demo sale
 *   "heartbeatTimeoutMs": 1500, "heartbeatIntervalMs": 100,                // optional
 *   "archiveSyncLevel": 0                                     // optional: 0 page cache, 1 data, 2 + metadata
 * }
 * </pre>
 * Ports: member {@code m} of shard {@code s} listens on {@code s.portBase + m * 10} plus 0 (client ingress),
 * 1 (consensus), 2 (log), 3 (catch-up), on member {@code m}'s host; every member's one archive (shared by all the
 * shards it hosts) listens on its {@code archivePort}. Validation refuses, with one line naming the fault: missing or
 * duplicate ids, ids not 0..n-1, a port outside 1..65535, two endpoints on one host:port, unknown fields.
 *
 * @param members             the machines, by id.
 * @param shards              the shards, by id.
 * @param gatewayHost         the gateway's HTTP bind address.
 * @param gatewayPort         the gateway's HTTP port.
 * @param saleFile            the sale file, resolved against the config file's directory, or null for the demo sale.
 * @param heartbeatTimeoutMs  a follower starts an election after this long without the leader.
 * @param heartbeatIntervalMs how often the leader proves it is alive.
 * @param archiveSyncLevel    the archive's file sync level: 0 page cache, 1 data, 2 data and metadata.
 */
public record ClusterConfig(
    List<Member> members,
    List<Shard> shards,
    String gatewayHost,
    int gatewayPort,
    Path saleFile,
    long heartbeatTimeoutMs,
    long heartbeatIntervalMs,
    int archiveSyncLevel)
{
    /** Ports each member takes from a shard's block. */
    public static final int PORTS_PER_MEMBER = 10;
    /** Offset of the client ingress port in a member's block. */
    public static final int INGRESS = 0;
    /** Offset of the consensus port. */
    public static final int CONSENSUS = 1;
    /** Offset of the log port. */
    public static final int LOG = 2;
    /** Offset of the catch-up port. */
    public static final int CATCHUP = 3;
    /** Most shards a cluster may have (order ids carry the shard in 12 bits). */
    public static final int MAX_SHARDS = 4096;
    /** Default leader heartbeat timeout (the probe's figure for small boxes). */
    public static final long DEFAULT_HEARTBEAT_TIMEOUT_MS = 1_500;
    /** Default leader heartbeat interval. */
    public static final long DEFAULT_HEARTBEAT_INTERVAL_MS = 100;

    private static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * One machine: it runs one member of every shard, over one media driver and one archive.
     *
     * @param id          member id, 0..n-1.
     * @param host        address the other members and the gateways reach it on.
     * @param archivePort its archive's control port.
     */
    public record Member(int id, String host, int archivePort)
    {
    }

    /**
     * One shard: an Aeron Cluster of one replica per member.
     *
     * @param id       shard id, 0..k-1; also its cluster id.
     * @param portBase first port of the shard's block on every member's host.
     */
    public record Shard(int id, int portBase)
    {
    }

    /**
     * Check a configuration built in code, as {@link #read} does for a file.
     *
     * @throws ClusterConfigException naming the first fault.
     */
    public ClusterConfig
    {
        members = List.copyOf(members);
        shards = List.copyOf(shards);
        if (members.isEmpty())
        {
            throw new ClusterConfigException("no members");
        }
        if (shards.isEmpty())
        {
            throw new ClusterConfigException("no shards");
        }
        if (shards.size() > MAX_SHARDS)
        {
            throw new ClusterConfigException("at most " + MAX_SHARDS + " shards, got " + shards.size());
        }
        for (int i = 0; i < members.size(); i++)
        {
            if (members.get(i).id() != i)
            {
                throw new ClusterConfigException("member ids must be 0.." + (members.size() - 1) +
                    " in order; found " + members.get(i).id() + " at position " + i);
            }
            if (members.get(i).host() == null || members.get(i).host().isBlank())
            {
                throw new ClusterConfigException("member " + i + " has no host");
            }
        }
        for (int i = 0; i < shards.size(); i++)
        {
            if (shards.get(i).id() != i)
            {
                throw new ClusterConfigException("shard ids must be 0.." + (shards.size() - 1) +
                    " in order; found " + shards.get(i).id() + " at position " + i);
            }
        }
        if (heartbeatTimeoutMs <= 0 || heartbeatIntervalMs <= 0 || heartbeatIntervalMs >= heartbeatTimeoutMs)
        {
            throw new ClusterConfigException("need 0 < heartbeatIntervalMs < heartbeatTimeoutMs, got " +
                heartbeatIntervalMs + " and " + heartbeatTimeoutMs);
        }
        if (archiveSyncLevel < 0 || archiveSyncLevel > 2)
        {
            throw new ClusterConfigException("archiveSyncLevel must be 0, 1 or 2, got " + archiveSyncLevel);
        }
        if (gatewayPort < 0 || gatewayPort > 65_535)
        {
            throw new ClusterConfigException("gateway.port must be 0..65535 (0: any free port), got " + gatewayPort);
        }
        final Map<String, String> endpoints = new HashMap<>();
        for (final Member member : members)
        {
            claim(endpoints, member.host(), port("member " + member.id() + " archivePort", member.archivePort()),
                "member " + member.id() + " archive");
            for (final Shard shard : shards)
            {
                for (int offset = INGRESS; offset <= CATCHUP; offset++)
                {
                    final int port = shard.portBase() + member.id() * PORTS_PER_MEMBER + offset;
                    claim(endpoints, member.host(), port("shard " + shard.id() + " member " + member.id() + " port",
                        port), "shard " + shard.id() + " member " + member.id());
                }
            }
        }
    }

    /**
     * Read and check a cluster file.
     *
     * @param file the file.
     * @return the configuration.
     * @throws ClusterConfigException naming the file and the first fault (unreadable, malformed, invalid).
     */
    public static ClusterConfig read(final Path file)
    {
        final JsonNode root;
        try
        {
            root = MAPPER.readTree(Files.readAllBytes(file));
        }
        catch (final NoSuchFileException ex)
        {
            throw new ClusterConfigException(file + ": no such file");
        }
        catch (final JsonProcessingException ex)
        {
            throw new ClusterConfigException(file + ": not valid JSON: " + ex.getOriginalMessage());
        }
        catch (final IOException ex)
        {
            throw new ClusterConfigException(file + ": cannot read: " + ex.getMessage());
        }
        try
        {
            return parse(root, file.toAbsolutePath().getParent());
        }
        catch (final ClusterConfigException ex)
        {
            throw new ClusterConfigException(file + ": " + ex.getMessage());
        }
    }

    /**
     * @param json      a cluster file's content.
     * @param directory what a relative sale path is resolved against.
     * @return the configuration.
     * @throws ClusterConfigException naming the first fault.
     */
    public static ClusterConfig parse(final String json, final Path directory)
    {
        try
        {
            return parse(MAPPER.readTree(json), directory);
        }
        catch (final JsonProcessingException ex)
        {
            throw new ClusterConfigException("not valid JSON: " + ex.getOriginalMessage());
        }
    }

    private static ClusterConfig parse(final JsonNode root, final Path directory)
    {
        if (root == null || !root.isObject())
        {
            throw new ClusterConfigException("expected a JSON object");
        }
        onlyFields(root, "", "members", "shards", "gateway", "sale", "heartbeatTimeoutMs", "heartbeatIntervalMs",
            "archiveSyncLevel");
        final List<Member> members = new ArrayList<>();
        for (final JsonNode node : array(root, "members"))
        {
            onlyFields(node, "members[]", "id", "host", "archivePort");
            members.add(new Member(integer(node, "id", -1), text(node, "host"), integer(node, "archivePort", -1)));
        }
        final List<Shard> shards = new ArrayList<>();
        for (final JsonNode node : array(root, "shards"))
        {
            onlyFields(node, "shards[]", "id", "portBase");
            shards.add(new Shard(integer(node, "id", -1), integer(node, "portBase", -1)));
        }
        String gatewayHost = "0.0.0.0";
        int gatewayPort = 8080;
        final JsonNode gateway = root.get("gateway");
        if (gateway != null)
        {
            onlyFields(gateway, "gateway", "host", "port");
            if (gateway.has("host"))
            {
                gatewayHost = text(gateway, "host");
            }
            gatewayPort = integer(gateway, "port", gatewayPort);
        }
        Path sale = null;
        if (root.has("sale"))
        {
            sale = directory.resolve(text(root, "sale")).normalize();
        }
        return new ClusterConfig(members, shards, gatewayHost, gatewayPort, sale,
            integer(root, "heartbeatTimeoutMs", (int)DEFAULT_HEARTBEAT_TIMEOUT_MS),
            integer(root, "heartbeatIntervalMs", (int)DEFAULT_HEARTBEAT_INTERVAL_MS),
            integer(root, "archiveSyncLevel", 0));
    }

    /**
     * @param memberId a member id.
     * @return that member.
     * @throws ClusterConfigException if the file names no such member.
     */
    public Member member(final int memberId)
    {
        if (memberId < 0 || memberId >= members.size())
        {
            throw new ClusterConfigException("unknown member " + memberId + ": the cluster file names members 0.." +
                (members.size() - 1));
        }
        return members.get(memberId);
    }

    /**
     * @param shard  a shard id.
     * @param member a member id.
     * @param offset {@link #INGRESS}, {@link #CONSENSUS}, {@link #LOG} or {@link #CATCHUP}.
     * @return that member's port for the shard.
     */
    public int port(final int shard, final int member, final int offset)
    {
        return shards.get(shard).portBase() + member * PORTS_PER_MEMBER + offset;
    }

    /**
     * @param shard a shard id.
     * @return the shard's cluster members string: {@code id,ingress,consensus,log,catchup,archive|...}.
     */
    public String clusterMembers(final int shard)
    {
        final StringBuilder out = new StringBuilder();
        for (final Member member : members)
        {
            if (out.length() > 0)
            {
                out.append('|');
            }
            out.append(member.id());
            for (int offset = INGRESS; offset <= CATCHUP; offset++)
            {
                out.append(',').append(member.host()).append(':').append(port(shard, member.id(), offset));
            }
            out.append(',').append(member.host()).append(':').append(member.archivePort());
        }
        return out.toString();
    }

    /**
     * @param shard a shard id.
     * @return the ingress endpoints a cluster client of the shard needs: {@code id=host:port,...}.
     */
    public String ingressEndpoints(final int shard)
    {
        final StringBuilder out = new StringBuilder();
        for (final Member member : members)
        {
            if (out.length() > 0)
            {
                out.append(',');
            }
            out.append(member.id()).append('=').append(member.host()).append(':')
                .append(port(shard, member.id(), INGRESS));
        }
        return out.toString();
    }

    private static int port(final String what, final int port)
    {
        if (port < 1 || port > 65_535)
        {
            throw new ClusterConfigException(what + " must be 1..65535, got " + port);
        }
        return port;
    }

    private static void claim(final Map<String, String> endpoints, final String host, final int port,
        final String owner)
    {
        final String previous = endpoints.putIfAbsent(host + ":" + port, owner);
        if (previous != null)
        {
            throw new ClusterConfigException("port " + host + ":" + port + " is used twice: by " + previous +
                " and by " + owner);
        }
    }

    private static Iterable<JsonNode> array(final JsonNode root, final String field)
    {
        final JsonNode node = root.get(field);
        if (node == null || !node.isArray())
        {
            throw new ClusterConfigException("\"" + field + "\" must be an array");
        }
        return node;
    }

    private static String text(final JsonNode node, final String field)
    {
        final JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank())
        {
            throw new ClusterConfigException("\"" + field + "\" must be a non-empty string");
        }
        return value.asText();
    }

    private static int integer(final JsonNode node, final String field, final int absent)
    {
        final JsonNode value = node.get(field);
        if (value == null)
        {
            if (absent < 0)
            {
                throw new ClusterConfigException("\"" + field + "\" is missing");
            }
            return absent;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt())
        {
            throw new ClusterConfigException("\"" + field + "\" must be an integer, got " + value);
        }
        return value.intValue();
    }

    private static void onlyFields(final JsonNode node, final String where, final String... fields)
    {
        if (!node.isObject())
        {
            throw new ClusterConfigException((where.isEmpty() ? "the file" : where) + " must be a JSON object");
        }
        final Iterator<String> names = node.fieldNames();
        while (names.hasNext())
        {
            final String name = names.next();
            if (!List.of(fields).contains(name))
            {
                throw new ClusterConfigException("unknown field \"" + (where.isEmpty() ? "" : where + ".") + name +
                    "\"");
            }
        }
    }
}
