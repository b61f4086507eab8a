package io.flashsale.gateway.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The sale board page ({@code /dashboard}), one self-contained HTML document: the page template with uPlot's script
 * and stylesheet inlined from the uPlot webjar on the classpath, so the board works offline (no CDN, nothing else to
 * fetch but {@code /dashboard/data}). Built once per node. Thread-safe (stateless).
 */
public final class BoardPage
{
    private static final String TEMPLATE = "/io/flashsale/gateway/ops/dashboard.html";
    private static final String UPLOT_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";
    private static final String UPLOT_DIST = "/META-INF/resources/webjars/uplot/%s/dist/%s";

    private BoardPage()
    {
    }

    /**
     * @return the page, UTF-8.
     * @throws IllegalStateException if the template or the uPlot webjar is missing from the classpath.
     */
    public static byte[] html()
    {
        final Properties pom = new Properties();
        try (InputStream in = open(UPLOT_POM))
        {
            pom.load(in);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final String version = pom.getProperty("version");
        final String page = text(TEMPLATE)
            .replace("/*UPLOT_CSS*/", text(String.format(UPLOT_DIST, version, "uPlot.min.css")))
            .replace("/*UPLOT_JS*/", text(String.format(UPLOT_DIST, version, "uPlot.iife.min.js")));
        return page.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(final String name)
    {
        try (InputStream in = open(name))
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static InputStream open(final String name)
    {
        final InputStream in = BoardPage.class.getResourceAsStream(name);
        if (in == null)
        {
            throw new IllegalStateException("missing resource " + name + " (the gateway jar and the uPlot webjar " +
                "must be on the classpath)");
        }
        return in;
    }
}
