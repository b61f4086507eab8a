package io.flashsale.gateway.support;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.flashsale.client.HttpConnection;
import io.flashsale.gateway.server.GatewayServer;

/**
 * Base of tests that talk to one node with the demo sale on a fresh data directory over one keep-alive connection.
 */
public abstract class NodeTest
{
    /** Parses response bodies. */
    protected static final ObjectMapper JSON = new ObjectMapper();

    /** The node's data directory, fresh per test. */
    @TempDir
    protected Path dataDir;

    /** The running node. */
    protected GatewayServer server;

    /** A keep-alive connection to it. */
    protected HttpConnection client;

    @BeforeEach
    void startNode() throws Exception
    {
        server = TestNode.start(dataDir);
        client = new HttpConnection(server.port());
    }

    @AfterEach
    void stopNode() throws Exception
    {
        client.close();
        server.close();
    }
}
