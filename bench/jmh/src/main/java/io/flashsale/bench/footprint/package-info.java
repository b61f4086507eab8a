/**
 * Measures the engine state's heap footprint at a given scale (a main in {@code flashsale-benchmarks.jar}).
 */
package io.flashsale.bench.footprint;
