/**
 * The {@code run} command: parses options and starts a node on the calling (main) thread.
 */
package io.flashsale.gateway.cli;
