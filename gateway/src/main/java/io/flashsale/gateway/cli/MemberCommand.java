package io.flashsale.gateway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.flashsale.cluster.ActiveMarkFileException;
import io.flashsale.cluster.MemberHost;
import io.flashsale.cluster.config.ClusterConfig;
import io.flashsale.cluster.config.ClusterConfigException;
import io.flashsale.engine.journal.DataDirectoryLockedException;
import io.flashsale.process.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flashsale member}: run this machine's member of every shard of a cluster file ({@link MemberHost}: one media
 * driver, one archive, a consensus module and an engine service per shard) until SIGTERM or SIGINT, then close it
 * cleanly and exit 0. A cluster file that cannot be used, a member id the file does not name, or a data directory
 * another process holds is refused with one line on standard error and exit code {@value #EXIT_REFUSED}; a restart
 * soon after the previous process was killed waits (bounded) for its mark files to go stale instead.
 */
@Command(
    name = "member",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Run one member of every shard of a cluster file in this process: one media driver, one archive, and per " +
            "shard an Aeron Cluster consensus module with the order engine as its service.",
        "Prints one line per shard when up; SIGTERM or Ctrl-C closes everything cleanly and exits 0.",
        "Exits 2 with one line on stderr for a bad cluster file, an unknown member or a data directory in use."})
public final class MemberCommand implements Callable<Integer>
{
    /** Exit code of a refused start: bad cluster file, unknown member, data directory in use. */
    public static final int EXIT_REFUSED = ExitCodes.USAGE;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The cluster file (JSON): " +
        "members, shards, gateway, sale; the same file on every machine.")
    private Path configFile;

    @Option(names = "--member", required = true, paramLabel = "N", description = "Which member of the cluster file " +
        "this machine is.")
    private int member;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The member's data directory: archive, and per " +
        "shard its cluster directory and journal (default: data/cluster/member-N).")
    private Path dataDir;

    /**
     * Run a member: {@code java ... io.flashsale.gateway.cli.MemberCommand --config FILE --member N}.
     *
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        System.exit(CommandLines.configure(new CommandLine(new MemberCommand())).execute(args));
    }

    /**
     * Read the cluster file and launch the member (the caller closes it; no shutdown hook is installed).
     *
     * @return the running member.
     * @throws ClusterConfigException if the cluster file cannot be used or does not name the member.
     * @throws DataDirectoryLockedException if another process holds the data directory.
     * @throws ActiveMarkFileException if a previous process's mark files stay active beyond the wait.
     */
    public MemberHost start()
    {
        final Path data = dataDir != null ? dataDir : Path.of("data", "cluster", "member-" + member);
        return MemberHost.launch(ClusterConfig.read(configFile), member, data);
    }

    @Override
    public Integer call() throws Exception
    {
        final PrintWriter out = spec.commandLine().getOut();
        final MemberHost host = start();
        final ClusterConfig config = host.config();
        final ClusterConfig.Member self = config.member(member);
        for (int shard = 0; shard < host.shardCount(); shard++)
        {
            out.printf("flashsale member %d: shard %d up (ingress %s:%d, archive %s:%d, data %s)%n", member, shard,
                self.host(), config.port(shard, member, ClusterConfig.INGRESS), self.host(), self.archivePort(),
                MemberHost.shardDirectory(host.dataDirectory(), shard));
        }
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            host.close();
            out.printf("flashsale member %d: stopped (data %s)%n", member, host.dataDirectory());
            out.flush();
            Runtime.getRuntime().halt(0);
        }, "flashsale-member-shutdown"));
        Thread.currentThread().join();
        return 0;
    }
}
