package io.flashsale.engine.state;

import java.util.Arrays;

/**
 * A FIFO of longs in fixed pages: pages emptied at the head are recycled at the tail, so a queue whose size stays
 * bounded allocates nothing in steady state and growth never copies a large array. Single-threaded.
 */
public final class LongFifo
{
    private static final int PAGE_SHIFT = 14;
    private static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    private static final int PAGE_MASK = PAGE_SIZE - 1;

    private long[][] pages = new long[4][];
    private long[][] spare = new long[4][];
    private int spareCount;
    private int firstPage;
    private long firstPageNumber;
    private int pageCount;
    private long head;
    private long tail;

    /**
     * @return number of values queued.
     */
    public long size()
    {
        return tail - head;
    }

    /**
     * @return true when nothing is queued.
     */
    public boolean isEmpty()
    {
        return tail == head;
    }

    /**
     * Append a value at the tail.
     *
     * @param value the value.
     */
    public void add(final long value)
    {
        if ((tail >>> PAGE_SHIFT) >= firstPageNumber + pageCount)
        {
            addPage();
        }
        page(tail)[(int)(tail & PAGE_MASK)] = value;
        tail++;
    }

    /**
     * @return the value at the head; the queue must not be empty.
     */
    public long peek()
    {
        return page(head)[(int)(head & PAGE_MASK)];
    }

    /**
     * Remove and return the value at the head; the queue must not be empty.
     *
     * @return the value.
     */
    public long poll()
    {
        final long value = peek();
        head++;
        while (pageCount > 0 && (head >>> PAGE_SHIFT) > firstPageNumber)
        {
            recycle(pages[firstPage]);
            pages[firstPage] = null;
            firstPage = (firstPage + 1) % pages.length;
            firstPageNumber++;
            pageCount--;
        }
        return value;
    }

    private long[] page(final long position)
    {
        final int relative = (int)((position >>> PAGE_SHIFT) - firstPageNumber);
        return pages[(firstPage + relative) % pages.length];
    }

    private void addPage()
    {
        if (pageCount == 0)
        {
            firstPageNumber = tail >>> PAGE_SHIFT;
        }
        if (pageCount == pages.length)
        {
            final long[][] bigger = new long[pages.length * 2][];
            for (int i = 0; i < pageCount; i++)
            {
                bigger[i] = pages[(firstPage + i) % pages.length];
            }
            pages = bigger;
            firstPage = 0;
        }
        final long[] page = spareCount > 0 ? spare[--spareCount] : new long[PAGE_SIZE];
        pages[(firstPage + pageCount) % pages.length] = page;
        pageCount++;
    }

    private void recycle(final long[] page)
    {
        if (spareCount == spare.length)
        {
            spare = Arrays.copyOf(spare, spare.length * 2);
        }
        spare[spareCount++] = page;
    }
}
