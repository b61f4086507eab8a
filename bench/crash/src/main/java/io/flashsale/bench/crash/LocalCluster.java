package io.flashsale.bench.crash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A cluster on this box laid out as three machines would run it: one member process per "machine", each hosting one
 * member of every shard (one media driver and one archive per process), started from the same cluster file. Killing
 * one process is the loss of one machine. The member processes run {@code flashsale member}; this class writes the
 * cluster file, starts, kills and restarts them, and stops them with SIGTERM.
 */
public final class LocalCluster implements AutoCloseable
{
    /** Members (machines) of the local cluster by default. */
    public static final int MEMBERS = 3;

    private final Path directory;
    private final Path configFile;
    private final List<String> memberCommand;
    private final String heap;
    private final Process[] members;

    private LocalCluster(final Path directory, final Path configFile, final List<String> memberCommand,
        final String heap, final int memberCount)
    {
        this.directory = directory;
        this.configFile = configFile;
        this.memberCommand = memberCommand;
        this.heap = heap;
        this.members = new Process[memberCount];
    }

    /**
     * Write the local cluster file: {@link #MEMBERS} members on 127.0.0.1, {@code shards} shards.
     *
     * @param file          the file to write.
     * @param shards        shards.
     * @param portBase      first port used; the cluster takes {@code portBase .. portBase + 100 * (shards + 1)}.
     * @param gatewayPort   the gateway's HTTP port.
     * @param saleFile      the sale file, or null for the embedded demo sale.
     * @param heartbeatMs   leader heartbeat timeout.
     * @throws IOException if it cannot be written.
     */
    public static void writeConfig(final Path file, final int shards, final int portBase, final int gatewayPort,
        final Path saleFile, final long heartbeatMs) throws IOException
    {
        writeConfig(file, MEMBERS, shards, portBase, gatewayPort, saleFile, heartbeatMs, 0);
    }

    /**
     * Write a local cluster file.
     *
     * @param file             the file to write.
     * @param memberCount      members (machines): 1 (no replication, for measuring its cost) or an odd count.
     * @param shards           shards.
     * @param portBase         first port used.
     * @param gatewayPort      the gateway's HTTP port.
     * @param saleFile         the sale file, or null for the embedded demo sale.
     * @param heartbeatMs      leader heartbeat timeout.
     * @param archiveSyncLevel the archive's file sync level (0 page cache, 1 data, 2 data and metadata).
     * @throws IOException if it cannot be written.
     */
    public static void writeConfig(final Path file, final int memberCount, final int shards, final int portBase,
        final int gatewayPort, final Path saleFile, final long heartbeatMs, final int archiveSyncLevel)
        throws IOException
    {
        final StringBuilder json = new StringBuilder("{\n  \"members\": [\n");
        for (int m = 0; m < memberCount; m++)
        {
            json.append("    {\"id\": ").append(m).append(", \"host\": \"127.0.0.1\", \"archivePort\": ")
                .append(portBase + m).append('}').append(m < memberCount - 1 ? ",\n" : "\n");
        }
        json.append("  ],\n  \"shards\": [\n");
        for (int s = 0; s < shards; s++)
        {
            json.append("    {\"id\": ").append(s).append(", \"portBase\": ").append(portBase + 100 * (s + 1))
                .append('}').append(s < shards - 1 ? ",\n" : "\n");
        }
        json.append("  ],\n  \"gateway\": {\"host\": \"127.0.0.1\", \"port\": ").append(gatewayPort).append("},\n");
        if (saleFile != null)
        {
            json.append("  \"sale\": \"").append(saleFile.toAbsolutePath().toString().replace("\\", "\\\\"))
                .append("\",\n");
        }
        json.append("  \"heartbeatTimeoutMs\": ").append(heartbeatMs).append(",\n  \"archiveSyncLevel\": ")
            .append(archiveSyncLevel).append('\n').append("}\n");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, json.toString(), StandardCharsets.UTF_8);
    }

    /**
     * Start every member process.
     *
     * @param directory     where members keep their data ({@code member-N/}) and logs ({@code member-N.log}).
     * @param configFile    the cluster file.
     * @param memberCommand how to run {@code flashsale member} after {@code java} and its flags (main class or
     *                      {@code -cp CP MAIN member}); {@code --config}, {@code --member} and {@code --data-dir} are
     *                      appended.
     * @param heap          each member's maximum heap, e.g. {@code 512m}.
     * @return the running cluster.
     * @throws IOException if a process cannot be started.
     */
    public static LocalCluster start(final Path directory, final Path configFile, final List<String> memberCommand,
        final String heap) throws IOException
    {
        return start(directory, configFile, memberCommand, heap, MEMBERS);
    }

    /**
     * Start every member process of a cluster file naming {@code memberCount} members.
     *
     * @param directory     where members keep their data and logs.
     * @param configFile    the cluster file.
     * @param memberCommand how to run {@code flashsale member} after {@code java} and its flags.
     * @param heap          each member's maximum heap.
     * @param memberCount   members the file names.
     * @return the running cluster.
     * @throws IOException if a process cannot be started.
     */
    public static LocalCluster start(final Path directory, final Path configFile, final List<String> memberCommand,
        final String heap, final int memberCount) throws IOException
    {
        final LocalCluster cluster = new LocalCluster(directory, configFile, memberCommand, heap, memberCount);
        for (int m = 0; m < memberCount; m++)
        {
            cluster.startMember(m);
        }
        return cluster;
    }

    /**
     * Start (or restart) one member process on its directory; it waits by itself for a killed predecessor's mark
     * files to go stale.
     *
     * @param member the member id.
     * @throws IOException if the process cannot be started.
     */
    public void startMember(final int member) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-XX:+UseSerialGC");
        command.addAll(NodeProcess.jvmFlags());
        command.addAll(memberCommand);
        command.addAll(List.of("--config", configFile.toAbsolutePath().toString(), "--member",
            Integer.toString(member), "--data-dir", memberDirectory(member).toString()));
        final Path log = directory.resolve("member-" + member + ".log");
        Files.createDirectories(directory);
        members[member] = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    }

    /**
     * @return member processes of this cluster.
     */
    public int memberCount()
    {
        return members.length;
    }

    /**
     * @param member a member id.
     * @return its data directory.
     */
    public Path memberDirectory(final int member)
    {
        return directory.resolve("member-" + member).toAbsolutePath();
    }

    /**
     * @param member a member id.
     * @return its process, or null if never started.
     */
    public Process process(final int member)
    {
        return members[member];
    }

    /**
     * @return the cluster file.
     */
    public Path configFile()
    {
        return configFile;
    }

    /**
     * SIGKILL a member process: the loss of one machine.
     *
     * @param member the member id.
     * @throws InterruptedException if interrupted while waiting for it to die.
     */
    public void kill(final int member) throws InterruptedException
    {
        final Process process = members[member];
        if (process != null)
        {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * SIGTERM every member and wait for them (then SIGKILL any that hang).
     */
    @Override
    public void close()
    {
        for (final Process process : members)
        {
            if (process != null && process.isAlive())
            {
                process.destroy();
            }
        }
        for (final Process process : members)
        {
            if (process == null)
            {
                continue;
            }
            try
            {
                if (!process.waitFor(20, TimeUnit.SECONDS))
                {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
