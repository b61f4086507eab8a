package io.flashsale.bench.loadgen;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flashsale.client.SkuState;

/**
 * A generator's ledger file ({@code <name>.ledger.json}): its {@link AuditInput}, so that {@code flashsale loadgen
 * merge} can audit several generators' orders against the node as one sale. Layout:
 * <pre>
 * {"format":"flashsale-loadgen-ledger","version":1,
 *  "before":[{"sku":..,"sale":..,"limit":..,"available":..,"held":..,"sold":..,"total":..},...],
 *  "unknownUnits":{"SKU":units,...}, "duplicateChecks":n, "duplicateViolations":n, "violationSamples":[...],
 *  "orders":[[orderId,skuId,user,qty,requestNumber,state],...]}
 *                                 state: 0 RESERVED 1 PAID 2 CANCELLED 3 EXPIRED 4 UNKNOWN
 * </pre>
 */
public final class LedgerFile
{
    private static final String FORMAT = "flashsale-loadgen-ledger";

    private LedgerFile()
    {
    }

    /**
     * @param input what to write.
     * @param file  where.
     * @throws IOException if it cannot be written.
     */
    public static void write(final AuditInput input, final Path file) throws IOException
    {
        final SkuTable skus = input.skus();
        final ObjectMapper mapper = new ObjectMapper();
        try (OutputStream out = Files.newOutputStream(file);
            JsonGenerator g = mapper.getFactory().createGenerator(out))
        {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("version", 1);
            g.writeFieldName("before");
            mapper.writeValue(g, new ArrayList<>(input.before().values()));
            g.writeFieldName("unknownUnits");
            final Map<String, Long> unknown = new LinkedHashMap<>();
            input.unknownUnitsBySku().forEach((sku, units) -> unknown.put(Long.toString(sku), units));
            mapper.writeValue(g, unknown);
            g.writeNumberField("duplicateChecks", input.duplicateChecks());
            g.writeNumberField("duplicateViolations", input.duplicateViolations());
            g.writeFieldName("violationSamples");
            mapper.writeValue(g, input.violationSamples());
            g.writeArrayFieldStart("orders");
            for (final OrderLedger ledger : input.ledgers())
            {
                for (int slot = 0; slot < ledger.size(); slot++)
                {
                    g.writeStartArray();
                    g.writeNumber(ledger.orderId(slot));
                    g.writeNumber(skus.id(ledger.skuIndex(slot)));
                    g.writeNumber(ledger.user(slot));
                    g.writeNumber(ledger.qty(slot));
                    g.writeNumber(ledger.request(slot));
                    g.writeNumber(ledger.state(slot));
                    g.writeEndArray();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /**
     * @param file a ledger file.
     * @return its content, all orders in one ledger.
     * @throws IOException if it cannot be read or is not a ledger file.
     */
    public static AuditInput read(final Path file) throws IOException
    {
        final ObjectMapper mapper = new ObjectMapper();
        final JsonNode root = mapper.readTree(file.toFile());
        if (root == null || !FORMAT.equals(root.path("format").asText()))
        {
            throw new IOException(file + " is not a loadgen ledger file");
        }
        final Map<Long, SkuState> before = new HashMap<>();
        for (final JsonNode n : root.path("before"))
        {
            final SkuState state = mapper.treeToValue(n, SkuState.class);
            before.put(state.sku(), state);
        }
        final Map<Long, Long> unknown = new HashMap<>();
        root.path("unknownUnits").properties().forEach(e -> unknown.put(Long.parseLong(e.getKey()),
            e.getValue().asLong()));
        final List<String> samples = new ArrayList<>();
        root.path("violationSamples").forEach(n -> samples.add(n.asText()));
        final SkuTable skus = new SkuTable(new ArrayList<>(before.values()));
        final Map<Long, Integer> indexes = new HashMap<>();
        for (int i = 0; i < skus.size(); i++)
        {
            indexes.put(skus.id(i), i);
        }
        final OrderLedger ledger = new OrderLedger();
        for (final JsonNode o : root.path("orders"))
        {
            final int skuIndex = indexes.getOrDefault(o.get(1).asLong(), -1);
            if (skuIndex < 0)
            {
                throw new IOException(file + ": order " + o.get(0).asLong() + " is for SKU " + o.get(1).asLong() +
                    ", which the file does not list");
            }
            final int slot = ledger.add(o.get(0).asLong(), skuIndex, o.get(2).asLong(), o.get(3).asInt(),
                o.get(4).asLong());
            ledger.state(slot, (byte)o.get(5).asInt());
        }
        return new AuditInput(before, List.of(ledger), unknown, root.path("duplicateChecks").asLong(),
            root.path("duplicateViolations").asLong(), samples);
    }
}
