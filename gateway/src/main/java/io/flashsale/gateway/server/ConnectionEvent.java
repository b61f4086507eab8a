package io.flashsale.gateway.server;

/**
 * User events the connection's stages tell each other through the pipeline (see {@link GatewayInitializer}).
 * Singletons: firing one allocates nothing.
 */
enum ConnectionEvent
{
    /**
     * From {@link BodyAssembler} to {@link ResponseSequencer}: the request being read expects {@code 100 Continue}
     * and may send its body (authorized, within the size limit). Sent when every earlier response has been written.
     */
    CONTINUE_WANTED,

    /**
     * From {@link ResponseSequencer}, fired at the head of the pipeline to {@link ConnectionTimeouts}: reading
     * resumed after a pause, so a partial request's read timeout starts again from now (it counts only while the
     * node reads).
     */
    READING_RESUMED
}
