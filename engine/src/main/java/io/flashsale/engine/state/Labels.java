package io.flashsale.engine.state;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.flashsale.engine.command.LabelKind;

/**
 * Display names of sales, stores and SKUs, journaled (LABELLED records) and snapshotted with the rest of the state.
 * <p>
 * Written only by the business thread (or the replaying thread), on the rare admin path; held in concurrent maps so
 * any thread may read names at any time without locks (a reader sees each name either before or after a change).
 */
public final class Labels
{
    private final Map<Long, String> sales = new ConcurrentHashMap<>();
    private final Map<Long, String> stores = new ConcurrentHashMap<>();
    private final Map<Long, String> skus = new ConcurrentHashMap<>();

    /**
     * @param kind a {@link LabelKind}.
     * @param id   the named thing's id.
     * @return its name, or null.
     */
    public String name(final int kind, final long id)
    {
        return map(kind).get(id);
    }

    /**
     * @param kind a {@link LabelKind}.
     * @return every name of that kind, read-only (a live view).
     */
    public Map<Long, String> of(final int kind)
    {
        return Collections.unmodifiableMap(map(kind));
    }

    private Map<Long, String> map(final int kind)
    {
        switch (kind)
        {
            case LabelKind.SALE:
                return sales;
            case LabelKind.STORE:
                return stores;
            case LabelKind.SKU:
                return skus;
            default:
                throw new IllegalArgumentException("unknown label kind " + kind);
        }
    }

    /**
     * @param kind   a {@link LabelKind}.
     * @param id     the named thing's id.
     * @param name   UTF-8 bytes.
     * @param length their length.
     * @return whether the stored name equals these bytes.
     */
    public boolean matches(final int kind, final long id, final byte[] name, final int length)
    {
        final String current = name(kind, id);
        return current != null && current.equals(new String(name, 0, length, StandardCharsets.UTF_8));
    }

    /**
     * Business or replaying thread only.
     *
     * @param kind a {@link LabelKind}.
     * @param id   the named thing's id.
     * @param name the name.
     */
    void put(final int kind, final long id, final String name)
    {
        map(kind).put(id, name);
    }

    /**
     * @return number of names of all kinds.
     */
    public int size()
    {
        return sales.size() + stores.size() + skus.size();
    }
}
