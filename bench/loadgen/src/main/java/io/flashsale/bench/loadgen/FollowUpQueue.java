package io.flashsale.bench.loadgen;

import java.util.Arrays;

/**
 * A binary min-heap of {@link Exchange}s by intended send time: retries, resubmissions, payments and cancellations
 * waiting for their moment. Single-threaded; grows by doubling and never shrinks, so steady state allocates nothing.
 */
final class FollowUpQueue
{
    private Exchange[] heap = new Exchange[1024];
    private int size;

    int size()
    {
        return size;
    }

    boolean isEmpty()
    {
        return size == 0;
    }

    Exchange peek()
    {
        return size == 0 ? null : heap[0];
    }

    void add(final Exchange x)
    {
        if (size == heap.length)
        {
            heap = Arrays.copyOf(heap, size * 2);
        }
        int i = size++;
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            if (heap[parent].intendedNanos <= x.intendedNanos)
            {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = x;
    }

    Exchange poll()
    {
        if (size == 0)
        {
            return null;
        }
        final Exchange top = heap[0];
        final Exchange last = heap[--size];
        heap[size] = null;
        if (size > 0)
        {
            int i = 0;
            while (true)
            {
                final int left = 2 * i + 1;
                if (left >= size)
                {
                    break;
                }
                final int right = left + 1;
                final int child = right < size && heap[right].intendedNanos < heap[left].intendedNanos ? right : left;
                if (heap[child].intendedNanos >= last.intendedNanos)
                {
                    break;
                }
                heap[i] = heap[child];
                i = child;
            }
            heap[i] = last;
        }
        return top;
    }
}
