package io.flashsale.engine.state;

/**
 * Append-only store of request ids (up to 64 ASCII bytes each), in 256 KiB pages (below G1's humongous
 * threshold). A reference is the byte offset of an entry: one length byte followed by the id. Owned by the business
 * thread.
 */
public final class RequestIdArena
{
    private static final int PAGE_SHIFT = 18;
    private static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    private static final int PAGE_MASK = PAGE_SIZE - 1;

    private byte[][] pages = new byte[16][];
    private int pageCount;
    private long position;

    /**
     * Append an id.
     *
     * @param src    bytes.
     * @param offset start.
     * @param length 1..64.
     * @return its reference.
     */
    public long append(final byte[] src, final int offset, final int length)
    {
        final int needed = length + 1;
        if ((position & PAGE_MASK) + needed > PAGE_SIZE)
        {
            position = ((position >>> PAGE_SHIFT) + 1) << PAGE_SHIFT;
        }
        final int page = (int)(position >>> PAGE_SHIFT);
        while (page >= pageCount)
        {
            addPage();
        }
        final long ref = position;
        final byte[] bytes = pages[page];
        final int at = (int)(position & PAGE_MASK);
        bytes[at] = (byte)length;
        System.arraycopy(src, offset, bytes, at + 1, length);
        position += needed;
        return ref;
    }

    private void addPage()
    {
        if (pageCount == pages.length)
        {
            pages = java.util.Arrays.copyOf(pages, pageCount * 2);
        }
        pages[pageCount++] = new byte[PAGE_SIZE];
    }

    /**
     * @param ref a reference returned by {@link #append}.
     * @return length of the id.
     */
    public int length(final long ref)
    {
        return pages[(int)(ref >>> PAGE_SHIFT)][(int)(ref & PAGE_MASK)];
    }

    /**
     * @param ref    a reference returned by {@link #append}.
     * @param other  bytes to compare with.
     * @param length their length.
     * @return true if the stored id equals them.
     */
    public boolean matches(final long ref, final byte[] other, final int length)
    {
        final byte[] page = pages[(int)(ref >>> PAGE_SHIFT)];
        final int at = (int)(ref & PAGE_MASK);
        if (page[at] != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (page[at + 1 + i] != other[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Copy a stored id out.
     *
     * @param ref a reference returned by {@link #append}.
     * @param dst destination, at least 64 bytes from offset.
     * @param offset where to write.
     * @return its length.
     */
    public int copy(final long ref, final byte[] dst, final int offset)
    {
        final byte[] page = pages[(int)(ref >>> PAGE_SHIFT)];
        final int at = (int)(ref & PAGE_MASK);
        final int length = page[at];
        System.arraycopy(page, at + 1, dst, offset, length);
        return length;
    }

    /**
     * @return bytes in use (for sizing reports).
     */
    public long position()
    {
        return position;
    }
}
