package io.flashsale.bench.loadgen;

/**
 * One interval (normally one second) of a run, for the progress line and the throughput plot.
 *
 * @param runSeconds end of the interval, seconds since the run started.
 * @param saleHour   sale-clock hour at the end of the interval.
 * @param offered    scheduled arrivals per second in the interval.
 * @param achieved   answers per second in the interval (arrivals and follow-ups).
 * @param p50Micros  median latency of the interval's answers.
 * @param p99Micros  99th percentile.
 * @param maxMicros  maximum.
 * @param errors     error answers ({@link Outcome#error()}) and connection errors in the interval.
 * @param soldOut    SKUs sold out at the end of the interval.
 */
public record SecondSample(double runSeconds, double saleHour, double offered, double achieved, long p50Micros,
    long p99Micros, long maxMicros, long errors, int soldOut)
{
}
