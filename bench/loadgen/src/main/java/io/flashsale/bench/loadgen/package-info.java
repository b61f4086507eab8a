/**
 * The open-loop load generator ({@code flashsale loadgen}): the sale-day schedule, workers that each own one Netty
 * event loop and its connections, the reports and the end-of-run audit. Everything a worker touches per request
 * lives on its event loop; what the progress reporter reads meanwhile ({@link io.flashsale.bench.loadgen.LiveStats})
 * goes through HdrHistogram recorders and atomic counters.
 */
package io.flashsale.bench.loadgen;
