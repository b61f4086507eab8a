package io.flashsale.bench.loadgen;

import java.util.List;
import java.util.Map;

/**
 * One interval (normally one second) of a run, for the progress line, the plots over time and the merge of several
 * generators' runs. Intervals are cut on a grid of whole seconds through the start of the schedule's busiest second, so
 * generators that share a start time share the grid and their interval {@code index} numbers line up.
 *
 * @param index           interval number from the run's start (0 = first).
 * @param runSeconds      end of the interval, seconds since the run started.
 * @param intervalSeconds length of the interval.
 * @param saleHour        sale-clock hour at the end of the interval.
 * @param offered         scheduled arrivals per second in the interval.
 * @param achieved        answers per second in the interval (arrivals and follow-ups).
 * @param p50Micros       median latency of the interval's answers.
 * @param p99Micros       99th percentile.
 * @param maxMicros       maximum.
 * @param errors          error answers ({@link io.flashsale.client.Outcome#error()}) and connection errors.
 * @param soldOut         SKUs sold out at the end of the interval.
 * @param outcomes        answers in the interval per outcome name (only outcomes that occurred).
 * @param soldOutSkus     ids of the SKUs sold out at the end of the interval.
 */
public record SecondSample(int index, double runSeconds, double intervalSeconds, double saleHour, double offered,
    double achieved, long p50Micros, long p99Micros, long maxMicros, long errors, int soldOut,
    Map<String, Long> outcomes, List<Long> soldOutSkus)
{
}
