/**
 * Engine counters and per-stage latency recorders. Counters are written by the business thread (single-writer release
 * stores) or, for the few that publishers share, with atomic adds; latency recorders are HdrHistogram recorders the
 * business thread records into. Any thread may read both.
 */
package io.flashsale.engine.metrics;
