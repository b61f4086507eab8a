package io.flashsale.gateway.server;

/**
 * User event from {@link ConnectionTimeouts} to {@link BodyAssembler}: the request in progress (started, not arrived
 * completely) outlived the read timeout while the node was reading; answer it 408 and close. Fired at most once per
 * connection, so its allocation is off the hot path.
 *
 * @param elapsedNanos how long the request has been arriving (the read timeout and a little more).
 */
record ReadTimedOut(long elapsedNanos)
{
}
