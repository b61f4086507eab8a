package io.flashsale.bench.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;

import io.flashsale.engine.journal.DataDirectoryLayout;
import io.flashsale.engine.journal.Journal;
import io.flashsale.engine.journal.JournalReader;
import io.flashsale.engine.journal.RecordHandler;
import io.flashsale.engine.journal.SyncPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flashsale export DIR}: the hand-off to payment and fulfilment, one line per order record.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
        "Export a node's journal as JSON lines or CSV: one line per order event (RESERVED, PAID, CANCELLED, " +
            "EXPIRED) in journal order, with the journal index, time, order, buyer, SKU, quantity, unit price " +
            "(minor units), payment deadline and client request id.",
        "With --follow it keeps tailing a running node's journal (read-only) until interrupted."
    })
public final class ExportCommand implements Callable<Integer>
{
    /** Output formats. */
    enum Format
    {
        /** One JSON object per line. */
        JSONL,
        /** Comma-separated with a header line (RFC 4180 quoting). */
        CSV
    }

    @Parameters(index = "0", defaultValue = "data", paramLabel = "DIR",
        description = "The node's data directory (holding journal/). Default: ${DEFAULT-VALUE}")
    private Path dataDirectory;

    @Option(names = "--format", defaultValue = "JSONL",
        description = "jsonl or csv. Default: ${DEFAULT-VALUE}")
    private String format;

    @Option(names = {"-o", "--output"}, description = "Write to this file instead of standard output.")
    private Path output;

    @Option(names = "--follow", description = "Keep tailing the journal for new records until interrupted.")
    private boolean follow;

    @Option(names = "--all", description = "Also export catalogue records (SALE_DEFINED, SKU_ADDED, RESTOCKED).")
    private boolean all;

    @Option(names = "--poll-ms", defaultValue = "100",
        description = "With --follow: how often to look for new records, ms. Default: ${DEFAULT-VALUE}")
    private long pollMillis;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        final Format chosen = Format.valueOf(format.toUpperCase(java.util.Locale.ROOT));
        final Path journalDir = DataDirectoryLayout.journal(dataDirectory);
        if (!Files.isDirectory(journalDir))
        {
            System.err.println("export: no journal in " + dataDirectory);
            return 2;
        }
        try (Writer out = output == null ?
            new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)) :
            Files.newBufferedWriter(output, StandardCharsets.UTF_8);
            Journal journal = new Journal(journalDir, SyncPolicy.NONE, true))
        {
            final JournalReader reader = journal.newReader(-1);
            final LineWriter lines = new LineWriter(out, chosen, all, reader);
            lines.header();
            do
            {
                reader.readAll(lines);
                out.flush();
                if (follow)
                {
                    Thread.sleep(pollMillis);
                }
            }
            while (follow);
        }
        return 0;
    }

    /**
     * Formats records as lines; allocation is fine here (off the hot path).
     */
    static final class LineWriter implements RecordHandler
    {
        private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
        private final Writer out;
        private final Format format;
        private final boolean all;
        private final JournalReader reader;

        LineWriter(final Writer out, final Format format, final boolean all, final JournalReader reader)
        {
            this.out = out;
            this.format = format;
            this.all = all;
            this.reader = reader;
        }

        void header()
        {
            if (format == Format.CSV)
            {
                write("index,type,timestamp,orderId,userId,skuId,quantity,price,deadline,requestId,saleId\n");
            }
        }

        private void line(
            final String type, final long timestamp, final long orderId, final long userId, final long skuId,
            final long quantity, final long price, final long deadline, final String requestId, final long saleId)
        {
            final String index = "0x" + Long.toHexString(reader.currentIndex());
            if (format == Format.CSV)
            {
                write(index + ',' + type + ',' + timestamp + ',' + orderId + ',' + userId + ',' + skuId + ',' +
                    quantity + ',' + price + ',' + deadline + ',' + csv(requestId) + ',' + saleId + '\n');
                return;
            }
            try
            {
                final JsonGenerator json = JSON.createGenerator(out);
                json.writeStartObject();
                json.writeStringField("index", index);
                json.writeStringField("type", type);
                json.writeNumberField("timestamp", timestamp);
                field(json, "orderId", orderId);
                field(json, "userId", userId);
                field(json, "skuId", skuId);
                field(json, "quantity", quantity);
                field(json, "price", price);
                field(json, "deadline", deadline);
                field(json, "saleId", saleId);
                if (!requestId.isEmpty())
                {
                    json.writeStringField("requestId", requestId);
                }
                json.writeEndObject();
                json.flush();
                out.write('\n');
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        private static void field(final JsonGenerator json, final String name, final long value) throws IOException
        {
            if (value != 0)
            {
                json.writeNumberField(name, value);
            }
        }

        static String csv(final String value)
        {
            if (value.indexOf(',') < 0 && value.indexOf('"') < 0)
            {
                return value;
            }
            return '"' + value.replace("\"", "\"\"") + '"';
        }

        private void write(final String text)
        {
            try
            {
                out.write(text);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        @Override
        public void onSaleDefined(
            final long timestamp, final long saleId, final long openAt, final long closeAt, final long window)
        {
            if (all)
            {
                line("SALE_DEFINED", timestamp, 0, 0, 0, 0, 0, 0, "", saleId);
            }
        }

        @Override
        public void onSkuAdded(
            final long timestamp, final long skuId, final long saleId, final long storeId, final long price,
            final int stock, final int perUserLimit, final int maxOrdersPerBuyer)
        {
            if (all)
            {
                line("SKU_ADDED", timestamp, 0, 0, skuId, stock, price, 0, "", saleId);
            }
        }

        @Override
        public void onLabelled(
            final long timestamp, final int kind, final long id, final byte[] name, final int length)
        {
            // names are not orders, nor a change a payment or fulfilment system acts on
        }

        @Override
        public void onRestocked(final long timestamp, final long skuId, final int quantity)
        {
            if (all)
            {
                line("RESTOCKED", timestamp, 0, 0, skuId, quantity, 0, 0, "", 0);
            }
        }

        @Override
        public void onOrderReserved(
            final long timestamp, final long orderId, final long userId, final long skuId, final int quantity,
            final long price, final long deadline, final byte[] requestId, final int requestIdLength)
        {
            line("RESERVED", timestamp, orderId, userId, skuId, quantity, price, deadline,
                new String(requestId, 0, requestIdLength, StandardCharsets.US_ASCII), 0);
        }

        @Override
        public void onOrderPaid(final long timestamp, final long orderId)
        {
            line("PAID", timestamp, orderId, 0, 0, 0, 0, 0, "", 0);
        }

        @Override
        public void onOrderCancelled(final long timestamp, final long orderId)
        {
            line("CANCELLED", timestamp, orderId, 0, 0, 0, 0, 0, "", 0);
        }

        @Override
        public void onOrderExpired(final long timestamp, final long orderId)
        {
            line("EXPIRED", timestamp, orderId, 0, 0, 0, 0, 0, "", 0);
        }
    }
}
