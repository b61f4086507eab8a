package io.flashsale.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flashsale.client.HttpConnection;
import io.flashsale.client.Response;
import io.flashsale.engine.journal.DataDirectoryLayout;
import io.flashsale.gateway.server.GatewayServer;
import picocli.CommandLine;

class RunCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @TempDir
    Path logDir;

    @Test
    void shouldDocumentEveryOptionInHelp()
    {
        final StringWriter out = new StringWriter();
        final CommandLine cli = new CommandLine(new RunCommand()).setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("--help"));
        final String help = out.toString();
        for (final CommandLine.Model.OptionSpec option : cli.getCommandSpec().options())
        {
            assertTrue(help.contains(option.longestName()), option.longestName());
            assertTrue(option.description().length > 0, option.longestName());
        }
        assertTrue(help.contains("--sale") && help.contains("YAML"));
        assertTrue(help.contains("--wait-strategy") && help.contains("BUSY_SPIN"));
    }

    @Test
    void shouldStartWithTheDemoSaleAndNotRedefineItOnRestart() throws Exception
    {
        final String[] args = {"--port", "0", "--data-dir", dataDir.toString(), "--token", "t0k3n",
            "--ring-size", "1024", "--wait-strategy", "BLOCKING", "--warm-up-orders", "0", "--jit-threads",
            "normal"};
        final long orderId;
        final long opensAt;
        final RunCommand first = new RunCommand();
        new CommandLine(first).parseArgs(args);
        try (GatewayServer server = first.start(); HttpConnection client = new HttpConnection(server.port()))
        {
            assertTrue(server.saleDefined());
            final JsonNode sales = JSON.readTree(client.exchange("GET", "/v1/sales", null).body());
            assertEquals(1, sales.size());
            assertEquals(1111, sales.get(0).get("id").asLong());
            assertTrue(sales.get(0).get("skus").size() >= 200, "a few hundred SKUs");
            opensAt = sales.get(0).get("opensAt").asLong();
            final JsonNode maserati = JSON.readTree(client.exchange("GET", "/v1/skus/22001", null).body());
            assertEquals(48_600_000L, maserati.get("price").asLong());
            assertEquals(3, maserati.get("total").asLong());
            assertEquals(1, maserati.get("limit").asInt());
            final Response r = client.exchange("POST", "/v1/orders",
                "{\"sku\":22001,\"user\":8,\"qty\":1,\"requestId\":\"maserati-1\"}");
            assertEquals(201, r.status(), r.body());
            orderId = JSON.readTree(r.body()).get("orderId").asLong();
            assertEquals(429, client.exchange("POST", "/v1/orders",
                "{\"sku\":22001,\"user\":8,\"qty\":1,\"requestId\":\"maserati-2\"}").status());
        }
        final RunCommand second = new RunCommand();
        new CommandLine(second).parseArgs(args);
        try (GatewayServer server = second.start(); HttpConnection client = new HttpConnection(server.port()))
        {
            assertFalse(server.saleDefined());
            final JsonNode sales = JSON.readTree(client.exchange("GET", "/v1/sales", null).body());
            assertEquals(opensAt, sales.get(0).get("opensAt").asLong());
            final JsonNode order = JSON.readTree(client.exchange("GET", "/v1/orders/" + orderId, null).body());
            assertEquals(22001, order.get("sku").asLong());
        }
    }

    @Test
    void shouldKeepLogsAndTheTokenOffStdoutAndExitZeroOnSigtermAfterWritingASnapshot() throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle"))
            {
                command.add(arg);
            }
        }
        command.add("-Xmx256m");
        // the shipped logging configuration, not the tests' (which keeps test output quiet)
        command.add("-Dlogback.configurationFile=" + Path.of(RunCommandTest.class.getResource("/logback.xml").toURI()));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(RunCommand.class.getName());
        command.addAll(List.of("--port", "0", "--data-dir", dataDir.toString(), "--ring-size", "1024",
            "--wait-strategy", "BLOCKING", "--snapshot-every", "0"));
        final Path stderr = logDir.resolve("stderr.log");
        final Process node = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        final List<String> stdout = new ArrayList<>();
        try
        {
            final BufferedReader out = new BufferedReader(
                new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
            final Pattern listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
            int port = -1;
            Path tokenFile = null;
            final Pattern tokenLine = Pattern.compile("^admin token \\(generated\\): in (.+), readable by you only$");
            String line;
            while ((port < 0 || tokenFile == null) && (line = out.readLine()) != null)
            {
                stdout.add(line);
                final Matcher m = listening.matcher(line);
                if (m.find())
                {
                    port = Integer.parseInt(m.group(1));
                }
                final Matcher t = tokenLine.matcher(line);
                if (t.matches())
                {
                    tokenFile = Path.of(t.group(1));
                }
            }
            assertTrue(port > 0, "node did not report its port: " + stdout);
            assertTrue(tokenFile != null, "the token file is named: " + stdout);
            assertEquals(dataDir.resolve("admin-token").toAbsolutePath(), tokenFile);
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(tokenFile));
            final String token = Files.readString(tokenFile).strip();
            assertTrue(token.length() >= 20, "generated token written");
            assertEquals(2, stdout.size(), "stdout holds the address and the token file only: " + stdout);
            try (HttpConnection client = new HttpConnection(port))
            {
                assertEquals(201, client.exchange("POST", "/v1/orders",
                    "{\"sku\":21001,\"user\":1,\"qty\":1,\"requestId\":\"sigterm\"}").status());
                assertEquals(200, client.exchange("GET", "/admin/sales", null,
                    "Authorization: Bearer " + token + "\r\n").status());
            }
            node.destroy();
            assertTrue(node.waitFor(60, TimeUnit.SECONDS), "node did not stop on SIGTERM");
            assertEquals(0, node.exitValue());
            final String log = Files.readString(stderr);
            assertTrue(log.contains(" INFO "), "the node's log went to stderr: " + log);
            assertFalse(log.contains(token) || String.join("\n", stdout).contains(token), "token never printed");
            try (Stream<Path> snapshots = Files.list(DataDirectoryLayout.snapshots(dataDir)))
            {
                assertTrue(snapshots.findAny().isPresent(), "a snapshot was written at shutdown");
            }
        }
        finally
        {
            node.destroyForcibly();
        }
    }
}
