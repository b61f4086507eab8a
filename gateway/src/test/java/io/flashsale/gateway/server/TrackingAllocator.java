package io.flashsale.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;

/**
 * An unpooled allocator that remembers every buffer it hands out, so a test can check that the pipeline released
 * each one (a retained slice keeps its parent's count up, so slices are covered too).
 */
final class TrackingAllocator extends AbstractByteBufAllocator
{
    private final List<ByteBuf> allocated = new ArrayList<>();

    TrackingAllocator()
    {
        super(false);
    }

    @Override
    public boolean isDirectBufferPooled()
    {
        return false;
    }

    @Override
    protected ByteBuf newHeapBuffer(final int initialCapacity, final int maxCapacity)
    {
        final ByteBuf buf = new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
        allocated.add(buf);
        return buf;
    }

    @Override
    protected ByteBuf newDirectBuffer(final int initialCapacity, final int maxCapacity)
    {
        final ByteBuf buf = new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity);
        allocated.add(buf);
        return buf;
    }

    /**
     * @return how many buffers were handed out.
     */
    int allocations()
    {
        return allocated.size();
    }

    /**
     * Assert that every buffer handed out was released.
     */
    void assertAllReleased()
    {
        for (int i = 0; i < allocated.size(); i++)
        {
            assertEquals(0, allocated.get(i).refCnt(), "buffer " + i + " of " + allocated.size() + " not released");
        }
    }
}
