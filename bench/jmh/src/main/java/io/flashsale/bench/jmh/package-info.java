/**
 * The JMH benchmarks and {@code flashsale bench}, the main class of {@code flashsale-benchmarks.jar}; every benchmark
 * runs in a forked JVM with the Chronicle flags. Not part of the shipped {@code flashsale.jar}.
 */
package io.flashsale.bench.jmh;
