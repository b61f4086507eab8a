/**
 * The {@code flashsale} command line, main class of the shipped {@code flashsale.jar}: it lists the subcommands that
 * live beside the code they drive and holds the ones that compose several modules ({@code demo}, {@code member}) or
 * only read a journal ({@code audit}, {@code export}); {@code bench} starts the separate benchmarks jar.
 */
package io.flashsale.bench.cli;
