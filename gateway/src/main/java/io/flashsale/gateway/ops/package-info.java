/**
 * Ops endpoints' data: metrics, histograms, the dashboard and the sampler that rolls latency intervals. The sampler
 * runs on its own thread; endpoints render on event loops; both read only what the engine publishes (counters,
 * recorders, the catalogue view).
 */
package io.flashsale.gateway.ops;
