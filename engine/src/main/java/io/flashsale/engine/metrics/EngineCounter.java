package io.flashsale.engine.metrics;

/**
 * Engine counters with stable ids and readable labels (ids never change meaning; new counters get new ids).
 */
public enum EngineCounter
{
    /** Commands the business thread processed. */
    COMMANDS_PROCESSED(0, "commands processed"),
    /** Commands refused at the door because the ring was full. */
    RING_FULL_REJECTIONS(1, "commands refused, ring full"),
    /** Journal records written. */
    JOURNAL_RECORDS(2, "journal records written"),
    /** Journal excerpts committed. */
    JOURNAL_EXCERPTS(3, "journal excerpts committed"),
    /** Record bytes written to the journal. */
    JOURNAL_BYTES(4, "journal record bytes written"),
    /** Snapshots written. */
    SNAPSHOTS_WRITTEN(5, "snapshots written"),
    /** Orders expired by TICK commands or late payment. */
    ORDERS_EXPIRED(6, "orders expired"),
    /** Journal or internal failures; after the first, nothing is acknowledged. */
    FAILURES(7, "journal or internal failures"),
    /** Records replayed at start-up. */
    RECORDS_REPLAYED(8, "records replayed at start");

    private final int id;
    private final String label;

    EngineCounter(final int id, final String label)
    {
        this.id = id;
        this.label = label;
    }

    /**
     * @return stable id.
     */
    public int id()
    {
        return id;
    }

    /**
     * @return readable label.
     */
    public String label()
    {
        return label;
    }
}
