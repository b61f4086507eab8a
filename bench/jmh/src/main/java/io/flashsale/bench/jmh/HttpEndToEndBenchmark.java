package io.flashsale.bench.jmh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.flashsale.client.HttpResponseParser;
import io.flashsale.client.RequestWriter;
import io.flashsale.engine.pipeline.EngineConfig;
import io.flashsale.gateway.config.GatewayConfig;
import io.flashsale.gateway.config.SaleParser;
import io.flashsale.gateway.server.GatewayServer;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * End to end on loopback, in one process: a real node (Netty gateway, Disruptor, business thread, Chronicle journal
 * on disk) and a Netty client on a keep-alive connection sending {@code POST /v1/orders}. Every order is a fresh
 * user and requestId on a SKU with effectively unlimited stock, so each one is RESERVED and journaled before the
 * answer. {@code buy}: one request in flight (round trip; sample-time mode gives its latency distribution);
 * {@code buyPipelined}: {@value #PIPELINE} pipelined requests per invocation (throughput per order).
 * <p>
 * Closed loop by nature (JMH waits for each answer): use {@code flashsale loadgen} for open-loop latency. The client,
 * the gateway loop, the business thread and JMH share the machine's cores.
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class HttpEndToEndBenchmark
{
    static final int PIPELINE = 16;

    private static final String SALE = "{\"id\":7,\"name\":\"bench sale\",\"opensAt\":\"now\",\"closesAt\":\"PT24H\"," +
        "\"paymentWindowSeconds\":3600,\"stores\":[{\"id\":1,\"name\":\"Bench Store\"}],\"skus\":[" +
        "{\"id\":501,\"store\":1,\"name\":\"toothbrush\",\"price\":1500,\"stock\":1000000000,\"limit\":1}]}";

    /**
     * The node, shared by all benchmark threads.
     */
    @State(Scope.Benchmark)
    public static class Node
    {
        GatewayServer server;
        Path dataDir;
        final AtomicLong users = new AtomicLong();

        /**
         * Start the node on a free port with a fresh journal.
         *
         * @throws IOException if the temporary directory cannot be created.
         */
        @Setup(Level.Trial)
        public void start() throws IOException
        {
            dataDir = Files.createTempDirectory("flashsale-http-bench");
            server = GatewayServer.start(new GatewayConfig().port(0),
                new EngineConfig().dataDirectory(dataDir).expectedOrders(1 << 22),
                SaleParser.parse(SALE.getBytes(StandardCharsets.UTF_8), System.currentTimeMillis()),
                UnaryOperator.identity());
        }

        /**
         * Stop the node and delete its journal.
         *
         * @throws IOException if the journal cannot be deleted.
         */
        @TearDown(Level.Trial)
        public void stop() throws IOException
        {
            server.close();
            try (Stream<Path> paths = Files.walk(dataDir))
            {
                for (final Path p : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
                {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * One keep-alive connection per benchmark thread.
     */
    @State(Scope.Thread)
    public static class Client
    {
        EventLoopGroup group;
        Channel channel;
        RequestWriter writer;
        volatile long answered;
        volatile int lastStatus;
        volatile Thread waiter;
        long sent;

        /**
         * Connect.
         *
         * @param node the running node.
         */
        @Setup(Level.Trial)
        public void connect(final Node node)
        {
            group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
            writer = new RequestWriter("127.0.0.1:" + node.server.port(), "jmh" + System.nanoTime());
            channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>()
                {
                    @Override
                    protected void initChannel(final Channel ch)
                    {
                        ch.pipeline().addLast(new HttpResponseParser((status, retryAfter, body) ->
                        {
                            lastStatus = status;
                            answered++;
                            final Thread t = waiter;
                            if (t != null)
                            {
                                LockSupport.unpark(t);
                            }
                        }));
                    }
                })
                .connect("127.0.0.1", node.server.port()).syncUninterruptibly().channel();
        }

        /**
         * Close the connection.
         */
        @TearDown(Level.Trial)
        public void close()
        {
            channel.close().syncUninterruptibly();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }

        void send(final Node node, final int count)
        {
            final ByteBuf buf = channel.alloc().ioBuffer(256 * count);
            for (int i = 0; i < count; i++)
            {
                writer.writeBuy(buf, 501, node.users.incrementAndGet(), 1, ++sent);
            }
            channel.writeAndFlush(buf, channel.voidPromise());
        }

        int await()
        {
            waiter = Thread.currentThread();
            while (answered < sent)
            {
                LockSupport.parkNanos(100_000L);
            }
            waiter = null;
            if (lastStatus != 201)
            {
                throw new IllegalStateException("order not reserved: HTTP " + lastStatus);
            }
            return lastStatus;
        }
    }

    /**
     * @param node   the node.
     * @param client this thread's connection.
     * @return the status (201).
     */
    @Benchmark
    public int buy(final Node node, final Client client)
    {
        client.send(node, 1);
        return client.await();
    }

    /**
     * @param node   the node.
     * @param client this thread's connection.
     * @return the last status (201).
     */
    @Benchmark
    @OperationsPerInvocation(PIPELINE)
    public int buyPipelined(final Node node, final Client client)
    {
        client.send(node, PIPELINE);
        return client.await();
    }
}
