/**
 * The node-side commands ({@code run}, {@code member}, {@code gateway}) and what every {@code flashsale} command
 * shares: the exit codes ({@link io.flashsale.process.ExitCodes}), one way to treat bad input
 * ({@link io.flashsale.gateway.cli.CommandLines}: one line on stderr, exit 2, nothing created), port checks and the
 * owner-only admin token file.
 */
package io.flashsale.gateway.cli;
