/**
 * Ops endpoints' data: {@code /metrics} (metric families for the Prometheus Java client, histograms built at scrape
 * time from HdrHistograms), {@code /histogram}, the sale board and its data, the traffic classes that keep non-buyer
 * traffic out of buyer figures, and the sampler that rolls latency intervals and scans the sale's stock once a second.
 * The sampler runs on its own thread; endpoints render on event loops; both read only what the engine and the gateway
 * publish (counters, recorders, the catalogue view, the sampler's snapshot).
 */
package io.flashsale.gateway.ops;
