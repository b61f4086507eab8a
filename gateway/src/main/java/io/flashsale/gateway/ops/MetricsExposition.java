package io.flashsale.gateway.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * {@code /metrics} of a node or a cluster gateway: its own families (a {@link MultiCollector} built at scrape time)
 * plus the process's JVM and process metrics and {@code flashsale_build_info}, written in the Prometheus text format
 * (0.0.4) by the Prometheus Java client. The JVM and process collectors are registered once per process in a registry
 * of their own (they install GC notification listeners), however many nodes a JVM runs (tests). Thread-safe.
 */
public final class MetricsExposition
{
    /** Content type of the text format. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();

    private final PrometheusRegistry registry = new PrometheusRegistry();

    /**
     * @param collector the node's or gateway's own families.
     */
    public MetricsExposition(final MultiCollector collector)
    {
        registry.register(collector);
    }

    /**
     * @return the exposition text, UTF-8.
     */
    public byte[] scrape()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try
        {
            WRITER.write(out, registry.scrape(), EscapingScheme.DEFAULT);
            WRITER.write(out, ProcessRegistry.REGISTRY.scrape(), EscapingScheme.DEFAULT);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    /**
     * @return this build's version (from the gateway jar's build properties).
     */
    public static String version()
    {
        return ProcessRegistry.VERSION;
    }

    /** The process-wide registry, created on first use. */
    private static final class ProcessRegistry
    {
        static final String VERSION = buildVersion();
        static final PrometheusRegistry REGISTRY = create();

        private static PrometheusRegistry create()
        {
            final PrometheusRegistry registry = new PrometheusRegistry();
            JvmMetrics.builder().register(registry);
            final Info build = Info.builder().name("flashsale_build_info")
                .help("the running build: flashsale version and the Java runtime")
                .labelNames("version", "java_version", "java_vendor")
                .register(registry);
            build.setLabelValues(VERSION, System.getProperty("java.version"), System.getProperty("java.vendor"));
            return registry;
        }

        private static String buildVersion()
        {
            final Properties build = new Properties();
            try (InputStream in = MetricsExposition.class.getResourceAsStream("build.properties"))
            {
                if (in != null)
                {
                    build.load(in);
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            return build.getProperty("version", "unknown");
        }
    }
}
