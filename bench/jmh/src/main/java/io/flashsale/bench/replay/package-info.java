/**
 * Measures replay and snapshot times of a large journal (a main in {@code flashsale-benchmarks.jar}).
 */
package io.flashsale.bench.replay;
