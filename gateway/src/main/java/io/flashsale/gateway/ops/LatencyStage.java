package io.flashsale.gateway.ops;

import io.flashsale.engine.metrics.StageLatency;

/**
 * The latency stages the node reports: the HTTP request as the gateway sees it, and the engine's three stages.
 */
public enum LatencyStage
{
    /** A buyer's request ({@link TrafficClass#BUYER}) from arrival to response written, measured on the event loop. */
    HTTP_TOTAL("http_total", null),
    /** Publication to the business thread picking the command up. */
    RING_WAIT("ring_wait", StageLatency.Stage.RING_WAIT),
    /** Deciding and applying one command. */
    BUSINESS("business", StageLatency.Stage.BUSINESS),
    /** Committing one batch to the journal. */
    JOURNAL("journal", StageLatency.Stage.JOURNAL);

    private final String label;
    private final StageLatency.Stage engineStage;

    LatencyStage(final String label, final StageLatency.Stage engineStage)
    {
        this.label = label;
        this.engineStage = engineStage;
    }

    /**
     * @return the metric label and hlog file name of the stage.
     */
    public String label()
    {
        return label;
    }

    /**
     * @return the engine's stage, or null for the gateway's own.
     */
    StageLatency.Stage engineStage()
    {
        return engineStage;
    }
}
