package io.flashsale.bench.footprint;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import io.flashsale.bench.jmh.RequestIds;
import io.flashsale.engine.command.SaleLimits;
import io.flashsale.engine.state.EngineState;

/**
 * How much heap one engine's state takes at the scale the sale is sized for: 1,000,000 SKUs and 10,000,000 distinct
 * buyers with one RESERVED order each, every order carrying a UUID-shaped 36-byte request id. Records are applied
 * straight to {@link EngineState} (no pipeline, no journal), then the heap is collected and measured.
 * <p>
 * Run with the heap the node gets, e.g. {@code java -Xmx2g -XX:+UseParallelGC -cp flashsale.jar
 * io.flashsale.bench.footprint.StateFootprint}: an OutOfMemoryError means the state does not fit. Optional
 * arguments: SKU count, order count.
 */
public final class StateFootprint
{
    private static final int DEFAULT_SKUS = 1_000_000;
    private static final long DEFAULT_ORDERS = 10_000_000;
    private static final long SALE_ID = 1;
    private static final long MINUTE_MILLIS = 60_000L;
    private static final long DAY_MILLIS = 24 * 60 * MINUTE_MILLIS;
    private static final int GC_ROUNDS = 4;
    private static final double MIB = 1024.0 * 1024.0;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private StateFootprint()
    {
    }

    /**
     * @param args optional: SKU count, order count.
     */
    public static void main(final String[] args)
    {
        final int skus = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_SKUS;
        final long orders = args.length > 1 ? Long.parseLong(args[1]) : DEFAULT_ORDERS;
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        final long before = usedAfterGc(memory);
        final long start = System.nanoTime();

        final EngineState state = new EngineState(skus, orders);
        final long now = System.currentTimeMillis();
        state.onSaleDefined(now, SALE_ID, now, now + DAY_MILLIS, 15 * MINUTE_MILLIS);
        for (int sku = 1; sku <= skus; sku++)
        {
            state.onSkuAdded(now, sku, SALE_ID, 1 + sku % 5_000, 1_000 + sku % 100_000, 1_000, 5,
                SaleLimits.defaultMaxOrdersPerBuyer(5));
        }
        final long skusDone = System.nanoTime();
        final long emptyish = used(memory);

        final byte[] requestId = new byte[RequestIds.LENGTH];
        final long prefix = mix(0x5EED);
        for (long orderId = 1; orderId <= orders; orderId++)
        {
            final long userId = orderId;
            final long skuId = 1 + (mix(orderId) >>> 1) % skus;
            RequestIds.write(requestId, 0, prefix ^ orderId, mix(orderId ^ prefix));
            state.onOrderReserved(now, orderId, userId, skuId, 1, 1_000, now + 15 * MINUTE_MILLIS, requestId,
                RequestIds.LENGTH);
        }
        final long ordersDone = System.nanoTime();

        final long after = usedAfterGc(memory);
        final long stateBytes = after - before;
        final Runtime runtime = Runtime.getRuntime();
        System.out.printf("state: %,d SKUs, %,d orders (%,d buyers), %,d request-id index entries, %,d arena bytes%n",
            state.catalog().skuCount(), state.orders().count(), state.buyerSkuPairs(), state.requestIndex().size(),
            state.requestIds().position());
        System.out.printf("heap used after GC: %.1f MiB before, %.1f MiB with the state (state: %.1f MiB); " +
            "max heap %.1f MiB (Runtime: total %.1f MiB, free %.1f MiB)%n",
            before / MIB, after / MIB, stateBytes / MIB, runtime.maxMemory() / MIB, runtime.totalMemory() / MIB,
            runtime.freeMemory() / MIB);
        System.out.printf("heap in use right after the SKUs (presized tables, before any order, not collected): " +
            "%.1f MiB%n", emptyish / MIB);
        System.out.printf("per order: %.1f bytes (whole state / orders)%n", (double)stateBytes / orders);
        System.out.printf("time: SKUs %d ms, orders %d ms (%.2f M orders/s)%n",
            (skusDone - start) / 1_000_000, (ordersDone - skusDone) / 1_000_000,
            orders / ((ordersDone - skusDone) / 1e9) / 1e6);
        if (state.orders().count() != orders)
        {
            throw new IllegalStateException("expected " + orders + " orders");
        }
    }

    private static long usedAfterGc(final MemoryMXBean memory)
    {
        for (int i = 0; i < GC_ROUNDS; i++)
        {
            System.gc();
        }
        return used(memory);
    }

    private static long used(final MemoryMXBean memory)
    {
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static long mix(final long value)
    {
        long z = value * GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
