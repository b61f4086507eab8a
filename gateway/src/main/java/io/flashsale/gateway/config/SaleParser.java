package io.flashsale.gateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flashsale.engine.command.LabelKind;
import io.flashsale.engine.command.SaleLimits;

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
        final long id = range(longField(root, "id", "id"), 1, SaleLimits.MAX_ID, "id");
        final String name = name(root, "name", "name");
        final long opensAt = range(time(root.get("opensAt"), "opensAt", nowMillis, Long.MIN_VALUE),
            0, SaleLimits.MAX_INSTANT - 1, "opensAt");
        final long closesAt = range(time(root.get("closesAt"), "closesAt", nowMillis, opensAt),
            opensAt + 1, SaleLimits.MAX_INSTANT, "closesAt");
        final long paymentSeconds = range(longField(root, "paymentWindowSeconds", "paymentWindowSeconds"),
            SaleLimits.MIN_PAYMENT_WINDOW_MILLIS / 1000, SaleLimits.MAX_PAYMENT_WINDOW_MILLIS / 1000,
            "paymentWindowSeconds");
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
                stores.add(new SaleDefinition.Store(range(longField(s, "id", where + ".id"), 1, SaleLimits.MAX_ID,
                    where + ".id"), name(s, "name", where + ".name")));
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
            skus.add(sku(s, where));
        }
        return new SaleDefinition(id, name, opensAt, closesAt, paymentSeconds * 1000, stores, skus,
            shardPlan(root.get("shardMap"), skus));
    }

    private static SaleDefinition.ShardPlan shardPlan(final JsonNode node, final List<SaleDefinition.Sku> skus)
    {
        if (node == null || node.isNull())
        {
            return null;
        }
        requireObject(node, "shardMap");
        final long version = range(longField(node, "version", "shardMap.version"), 0, Long.MAX_VALUE,
            "shardMap.version");
        final int shards = (int)range(longField(node, "shards", "shardMap.shards"), 1, 4096, "shardMap.shards");
        final Map<Long, Integer> assigned = new LinkedHashMap<>();
        final JsonNode map = node.get("skus");
        if (map != null && !map.isNull())
        {
            requireObject(map, "shardMap.skus");
            for (final Map.Entry<String, JsonNode> field : map.properties())
            {
                final long sku;
                try
                {
                    sku = Long.parseLong(field.getKey());
                }
                catch (final NumberFormatException ex)
                {
                    throw new IllegalArgumentException("shardMap.skus: key \"" + field.getKey() +
                        "\" is not a SKU id");
                }
                if (skus.stream().noneMatch(s -> s.id() == sku))
                {
                    throw new IllegalArgumentException("shardMap.skus names SKU " + sku + ", which the sale lacks");
                }
                final JsonNode shard = field.getValue();
                if (!shard.isIntegralNumber() || shard.asLong() < 0 || shard.asLong() >= shards)
                {
                    throw new IllegalArgumentException("shardMap.skus." + sku + " must be a shard 0.." + (shards - 1));
                }
                assigned.put(sku, shard.asInt());
            }
        }
        return new SaleDefinition.ShardPlan(version, shards, Map.copyOf(assigned));
    }

    private static SaleDefinition.Sku sku(final JsonNode s, final String where)
    {
        final int limit = (int)range(intField(s, "limit", where + ".limit"), 1, SaleLimits.MAX_LIMIT, where + ".limit");
        final long price = range(longField(s, "price", where + ".price"), 0, SaleLimits.MAX_PRICE, where + ".price");
        if (!SaleLimits.validPrice(price, limit))
        {
            throw new IllegalArgumentException(where + ".price x " + where + ".limit must be at most " +
                SaleLimits.MAX_ORDER_AMOUNT);
        }
        final int maxOrders = s.hasNonNull("maxOrdersPerBuyer") ? (int)range(intField(s, "maxOrdersPerBuyer",
            where + ".maxOrdersPerBuyer"), 1, SaleLimits.MAX_ORDERS_PER_BUYER, where + ".maxOrdersPerBuyer") :
            SaleLimits.defaultMaxOrdersPerBuyer(limit);
        return new SaleDefinition.Sku(
            range(longField(s, "id", where + ".id"), 1, SaleLimits.MAX_ID, where + ".id"),
            range(longField(s, "store", where + ".store"), 1, SaleLimits.MAX_ID, where + ".store"),
            name(s, "name", where + ".name"),
            price,
            (int)range(intField(s, "stock", where + ".stock"), 0, SaleLimits.MAX_STOCK, where + ".stock"),
            limit,
            maxOrders);
    }

    private static long range(final long value, final long min, final long max, final String where)
    {
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(where + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    private static String name(final JsonNode node, final String field, final String where)
    {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull())
        {
            return null;
        }
        if (!value.isTextual())
        {
            throw new IllegalArgumentException(where + " must be a string");
        }
        final String text = value.asText();
        final int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < 1 || bytes > LabelKind.MAX_NAME_BYTES)
        {
            throw new IllegalArgumentException(where + " must be 1 to " + LabelKind.MAX_NAME_BYTES + " bytes of UTF-8");
        }
        return text;
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
