package io.flashsale.gateway.ops;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * Collects one scrape's metric families for the Prometheus client's model (names without the {@code _total} suffix
 * of counters, which the text format writer adds). One scrape, one thread.
 */
final class Families
{
    private final MetricSnapshots.Builder out = MetricSnapshots.builder();

    /**
     * A gauge family being filled.
     */
    final class Gauge
    {
        private final GaugeSnapshot.Builder builder;

        private Gauge(final String name, final String help)
        {
            builder = GaugeSnapshot.builder().name(name).help(help);
        }

        /**
         * @param value  the sample.
         * @param labels label names and values, alternating.
         * @return this.
         */
        Gauge add(final double value, final String... labels)
        {
            builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(Labels.of(labels)).value(value)
                .build());
            return this;
        }

        /**
         * Add the family to the scrape.
         */
        void done()
        {
            out.metricSnapshot(builder.build());
        }
    }

    /**
     * A counter family being filled.
     */
    final class Counter
    {
        private final CounterSnapshot.Builder builder;

        private Counter(final String name, final String help)
        {
            builder = CounterSnapshot.builder().name(name).help(help);
        }

        /**
         * @param value  the sample.
         * @param labels label names and values, alternating.
         * @return this.
         */
        Counter add(final double value, final String... labels)
        {
            builder.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(Labels.of(labels))
                .value(value).build());
            return this;
        }

        /**
         * Add the family to the scrape.
         */
        void done()
        {
            out.metricSnapshot(builder.build());
        }
    }

    Gauge gauge(final String name, final String help)
    {
        return new Gauge(name, help);
    }

    void gauge(final String name, final String help, final double value)
    {
        new Gauge(name, help).add(value).done();
    }

    Counter counter(final String name, final String help)
    {
        return new Counter(name, help);
    }

    void counter(final String name, final String help, final double value)
    {
        new Counter(name, help).add(value).done();
    }

    void add(final MetricSnapshot snapshot)
    {
        out.metricSnapshot(snapshot);
    }

    MetricSnapshots build()
    {
        return out.build();
    }
}
