package io.flashsale.gateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads sale definitions from JSON (admin requests, sale files, the embedded demo). Syntax and types only; the engine
 * checks the values. Times are epoch milliseconds, ISO-8601 instants ({@code 2026-11-11T00:00:00+08:00}), or
 * {@code "now"}; {@code closesAt} may also be an ISO-8601 duration after the opening ({@code "PT24H"}). Every error is
 * an {@link IllegalArgumentException} whose message is safe to show a client. Thread-safe.
 */
public final class SaleParser
{
    /** Classpath resource of the embedded demo sale. */
    public static final String DEMO_RESOURCE = "/io/flashsale/gateway/config/demo-sale.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private SaleParser()
    {
    }

    /**
     * @return the shared, configured mapper (thread-safe).
     */
    public static ObjectMapper mapper()
    {
        return MAPPER;
    }

    /**
     * @param nowMillis what {@code "now"} means.
     * @return the embedded Singles' Day demo sale.
     */
    public static SaleDefinition demo(final long nowMillis)
    {
        try (InputStream in = SaleParser.class.getResourceAsStream(DEMO_RESOURCE))
        {
            if (in == null)
            {
                throw new IllegalStateException("demo sale resource missing: " + DEMO_RESOURCE);
            }
            return parse(MAPPER.readTree(in), nowMillis);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("demo sale resource unreadable", ex);
        }
    }

    /**
     * @param file      a JSON sale file.
     * @param nowMillis what {@code "now"} means.
     * @return the sale.
     * @throws IOException if the file cannot be read.
     */
    public static SaleDefinition read(final Path file, final long nowMillis) throws IOException
    {
        final JsonNode root;
        try
        {
            root = MAPPER.readTree(Files.readAllBytes(file));
        }
        catch (final com.fasterxml.jackson.core.JacksonException ex)
        {
            throw new IllegalArgumentException(file + ": malformed JSON: " + ex.getOriginalMessage(), ex);
        }
        return parse(root, nowMillis);
    }

    /**
     * @param body      request body bytes.
     * @param nowMillis what {@code "now"} means.
     * @return the sale.
     */
    public static SaleDefinition parse(final byte[] body, final long nowMillis)
    {
        try
        {
            return parse(MAPPER.readTree(body), nowMillis);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("malformed JSON", ex);
        }
    }

    /**
     * @param root      a JSON object.
     * @param nowMillis what {@code "now"} means.
     * @return the sale.
     */
    public static SaleDefinition parse(final JsonNode root, final long nowMillis)
    {
        if (root == null || !root.isObject())
        {
            throw new IllegalArgumentException("a sale must be a JSON object");
        }
        final long id = longField(root, "id", "id");
        final String name = root.hasNonNull("name") ? root.get("name").asText() : "sale " + id;
        final long opensAt = time(root.get("opensAt"), "opensAt", nowMillis, Long.MIN_VALUE);
        final long closesAt = time(root.get("closesAt"), "closesAt", nowMillis, opensAt);
        final long paymentSeconds = longField(root, "paymentWindowSeconds", "paymentWindowSeconds");
        if (paymentSeconds > Long.MAX_VALUE / 1000 || paymentSeconds < Long.MIN_VALUE / 1000)
        {
            throw new IllegalArgumentException("paymentWindowSeconds is out of range");
        }
        final List<SaleDefinition.Store> stores = new ArrayList<>();
        final JsonNode storeNodes = root.get("stores");
        if (storeNodes != null && !storeNodes.isNull())
        {
            requireArray(storeNodes, "stores");
            for (int i = 0; i < storeNodes.size(); i++)
            {
                final JsonNode s = storeNodes.get(i);
                final String where = "stores[" + i + "]";
                requireObject(s, where);
                stores.add(new SaleDefinition.Store(longField(s, "id", where + ".id"), text(s, "name")));
            }
        }
        final JsonNode skuNodes = root.get("skus");
        if (skuNodes == null)
        {
            throw new IllegalArgumentException("missing field skus");
        }
        requireArray(skuNodes, "skus");
        final List<SaleDefinition.Sku> skus = new ArrayList<>(skuNodes.size());
        for (int i = 0; i < skuNodes.size(); i++)
        {
            final JsonNode s = skuNodes.get(i);
            final String where = "skus[" + i + "]";
            requireObject(s, where);
            skus.add(new SaleDefinition.Sku(
                longField(s, "id", where + ".id"),
                longField(s, "store", where + ".store"),
                text(s, "name"),
                longField(s, "price", where + ".price"),
                intField(s, "stock", where + ".stock"),
                intField(s, "limit", where + ".limit")));
        }
        return new SaleDefinition(id, name, opensAt, closesAt, paymentSeconds * 1000, stores, skus);
    }

    private static String text(final JsonNode node, final String field)
    {
        final JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static void requireArray(final JsonNode node, final String where)
    {
        if (!node.isArray())
        {
            throw new IllegalArgumentException(where + " must be an array");
        }
    }

    private static void requireObject(final JsonNode node, final String where)
    {
        if (node == null || !node.isObject())
        {
            throw new IllegalArgumentException(where + " must be an object");
        }
    }

    /**
     * @param node  an object.
     * @param field a field name.
     * @param where the field's path for messages.
     * @return its value, an integer that fits a long.
     */
    public static long longField(final JsonNode node, final String field, final String where)
    {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull())
        {
            throw new IllegalArgumentException("missing field " + where);
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong())
        {
            throw new IllegalArgumentException(where + " must be an integer");
        }
        return value.longValue();
    }

    /**
     * @param node  an object.
     * @param field a field name.
     * @param where the field's path for messages.
     * @return its value, an integer that fits an int.
     */
    public static int intField(final JsonNode node, final String field, final String where)
    {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull())
        {
            throw new IllegalArgumentException("missing field " + where);
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt())
        {
            throw new IllegalArgumentException(where + " must be a 32-bit integer");
        }
        return value.intValue();
    }

    private static long time(final JsonNode value, final String where, final long nowMillis, final long base)
    {
        if (value == null || value.isNull())
        {
            throw new IllegalArgumentException("missing field " + where);
        }
        if (value.isIntegralNumber() && value.canConvertToLong())
        {
            return value.longValue();
        }
        if (!value.isTextual())
        {
            throw new IllegalArgumentException(where + " must be epoch milliseconds or an ISO-8601 string");
        }
        final String text = value.asText().trim();
        if ("now".equalsIgnoreCase(text))
        {
            return nowMillis;
        }
        try
        {
            if (text.startsWith("P") && base != Long.MIN_VALUE)
            {
                return Math.addExact(base, Duration.parse(text).toMillis());
            }
            if (text.endsWith("Z"))
            {
                return Instant.parse(text).toEpochMilli();
            }
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        }
        catch (final DateTimeParseException | ArithmeticException ex)
        {
            throw new IllegalArgumentException(where + " is not a valid ISO-8601 instant or duration", ex);
        }
    }
}
