/**
 * The Netty HTTP server: lifecycle, channel pipeline, request handling and routing, the reply path from the engine's
 * business thread back to each connection's event loop, and the admin and ops APIs. Each connection's handlers run on
 * its event loop; the result sink runs on the business thread and hands replies over through per-event-loop queues.
 */
package io.flashsale.gateway.server;
