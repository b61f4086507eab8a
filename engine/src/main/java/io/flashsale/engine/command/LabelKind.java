package io.flashsale.engine.command;

/**
 * What a display name (LABEL command, LABELLED record) names. The codes are journaled: never renumber.
 */
public final class LabelKind
{
    /** A sale's name. */
    public static final int SALE = 1;
    /** A store's name. */
    public static final int STORE = 2;
    /** A SKU's name. */
    public static final int SKU = 3;
    /** Longest name, UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 200;

    private LabelKind()
    {
    }

    /**
     * @param kind a code.
     * @return whether it is one of the kinds above.
     */
    public static boolean valid(final int kind)
    {
        return kind == SALE || kind == STORE || kind == SKU;
    }
}
