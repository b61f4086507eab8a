package io.flashsale.bench.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import io.flashsale.engine.export.OrderRow;
import io.flashsale.engine.export.OrderRows;
import io.flashsale.engine.journal.DataDirectoryLayout;
import io.flashsale.engine.journal.Journal;
import io.flashsale.engine.journal.JournalReader;
import io.flashsale.engine.journal.SyncPolicy;
import io.flashsale.gateway.cli.CommandLines;
import io.flashsale.process.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flashsale export DIR}: the hand-off to payment and fulfilment, one self-contained row per order state change
 * ({@link OrderRows} fills PAID, CANCELLED and EXPIRED rows from the order's RESERVED record). CSV goes through
 * Jackson's CSV module (RFC 4180 quoting), JSON lines through Jackson. Options are checked before any output file is
 * created.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Export a node's journal for payment and fulfilment as JSON lines or CSV: one row per order state change " +
            "(RESERVED, PAID, CANCELLED, EXPIRED) in journal order. Every row carries the whole order, also on " +
            "PAID, CANCELLED and EXPIRED rows.",
        "Columns: " + ExportCommand.COLUMN_LIST + ".",
        "position is the record's number in the journal (unique, increasing: resume after the last one you " +
            "processed); times are ISO-8601 UTC and epoch ms; unitPrice and amount (quantity x unitPrice) are in " +
            "minor units of --currency; names come from the sale definition (empty when it gave none).",
        "With --follow it keeps tailing a running node's journal (read-only) until interrupted."
    })
public final class ExportCommand implements Callable<Integer>
{
    /** The columns, in order: the CSV header and the JSON field names. */
    static final List<String> COLUMNS = List.of("position", "state", "stateTime", "stateTimeMs", "orderId", "saleId",
        "saleName", "storeId", "storeName", "skuId", "skuName", "userId", "quantity", "unitPrice", "amount",
        "currency", "orderTime", "orderTimeMs", "paymentDeadline", "paymentDeadlineMs", "requestId", "journalIndex");
    static final String COLUMN_LIST = "position, state, stateTime, stateTimeMs, orderId, saleId, saleName, storeId, " +
        "storeName, skuId, skuName, userId, quantity, unitPrice, amount, currency, orderTime, orderTimeMs, " +
        "paymentDeadline, paymentDeadlineMs, requestId, journalIndex";

    private static final long MAX_POLL_MILLIS = 60_000;

    /** Output formats. */
    enum Format
    {
        /** One JSON object per line. */
        JSONL,
        /** Comma-separated with a header line (RFC 4180 quoting). */
        CSV
    }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", defaultValue = "data", paramLabel = "DIR",
        description = "The node's data directory (holding journal/). Default: ${DEFAULT-VALUE}")
    private Path dataDirectory;

    @Option(names = "--format", defaultValue = "JSONL",
        description = "${COMPLETION-CANDIDATES} (any case). Default: ${DEFAULT-VALUE}")
    private Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
        description = "Write to this file (replaced) instead of standard output; its directory must exist.")
    private Path output;

    @Option(names = "--currency", defaultValue = "CNY", paramLabel = "CODE",
        description = "ISO 4217 code of the sale's prices, written on every row (the journal holds minor units " +
            "only). Default: ${DEFAULT-VALUE}")
    private String currency;

    @Option(names = "--follow", description = "Keep tailing the journal for new records until interrupted.")
    private boolean follow;

    @Option(names = "--all", description = "Also export catalogue rows (SALE_DEFINED, SKU_ADDED with the stock as " +
        "quantity, RESTOCKED with the units added).")
    private boolean all;

    @Option(names = "--poll-ms", defaultValue = "100", paramLabel = "MS",
        description = "With --follow: how often to look for new records, 1.." + MAX_POLL_MILLIS + " ms. " +
            "Default: ${DEFAULT-VALUE}")
    private long pollMillis;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        final String currencyCode = checkedCurrency();
        if (pollMillis < 1 || pollMillis > MAX_POLL_MILLIS)
        {
            throw CommandLines.badInput(spec, "--poll-ms must be in 1.." + MAX_POLL_MILLIS + ", got " + pollMillis);
        }
        final Path journalDir = DataDirectoryLayout.journal(dataDirectory);
        if (!Files.isDirectory(journalDir))
        {
            throw CommandLines.badInput(spec, "no journal in " + dataDirectory + " (expected " + journalDir + ")");
        }
        if (output != null)
        {
            final Path parent = output.toAbsolutePath().getParent();
            if (!Files.isDirectory(parent))
            {
                throw CommandLines.badInput(spec, "--output: no such directory " + parent);
            }
            if (Files.isDirectory(output))
            {
                throw CommandLines.badInput(spec, "--output: " + output + " is a directory");
            }
        }
        try (Writer out = output == null ?
            new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)) :
            Files.newBufferedWriter(output, StandardCharsets.UTF_8);
            Journal journal = new Journal(journalDir, SyncPolicy.NONE, true))
        {
            final JournalReader reader = journal.newReader(-1);
            final RowWriter rows = format == Format.CSV ? new CsvRows(out, currencyCode) :
                new JsonRows(out, currencyCode);
            final OrderRows handler = new OrderRows(reader, all, rows);
            rows.header();
            do
            {
                reader.readAll(handler);
                out.flush();
                if (output == null && System.out.checkError())
                {
                    break;
                }
                if (follow)
                {
                    Thread.sleep(pollMillis);
                }
            }
            while (follow);
        }
        return ExitCodes.OK;
    }

    private String checkedCurrency()
    {
        try
        {
            return Currency.getInstance(currency.toUpperCase(java.util.Locale.ROOT)).getCurrencyCode();
        }
        catch (final IllegalArgumentException ex)
        {
            throw CommandLines.badInput(spec, "--currency: '" + currency + "' is not an ISO 4217 currency code");
        }
    }

    private static String iso(final long epochMillis)
    {
        return epochMillis == 0 ? "" : Instant.ofEpochMilli(epochMillis).toString();
    }

    /**
     * Writes rows in one format; allocation is fine here (off the hot path).
     */
    abstract static class RowWriter implements Consumer<OrderRow>
    {
        final String currency;

        RowWriter(final String currency)
        {
            this.currency = currency;
        }

        abstract void header() throws IOException;

        abstract void write(OrderRow row) throws IOException;

        @Override
        public void accept(final OrderRow row)
        {
            try
            {
                write(row);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        Object[] values(final OrderRow row)
        {
            return new Object[] {row.position(), row.state(), iso(row.stateTime()), row.stateTime(),
                row.orderId(), row.saleId(), row.saleName(), row.storeId(), row.storeName(), row.skuId(),
                row.skuName(), row.userId(), row.quantity(), row.unitPrice(), row.amount(), currency,
                iso(row.orderTime()), row.orderTime(), iso(row.paymentDeadline()), row.paymentDeadline(),
                row.requestId(), "0x" + Long.toHexString(row.journalIndex())};
        }
    }

    /** CSV through Jackson's CSV module: a header line, then RFC 4180 rows (quoted only where needed). */
    static final class CsvRows extends RowWriter
    {
        private static final CsvMapper CSV = CsvMapper.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
        private static final CsvSchema SCHEMA = schema();
        private final SequenceWriter rows;

        CsvRows(final Writer out, final String currency) throws IOException
        {
            super(currency);
            rows = CSV.writer(SCHEMA).writeValues(out);
        }

        private static CsvSchema schema()
        {
            final CsvSchema.Builder columns = CsvSchema.builder().setUseHeader(true);
            COLUMNS.forEach(columns::addColumn);
            return columns.build();
        }

        @Override
        void header()
        {
            // the schema writes the header before the first row
        }

        @Override
        void write(final OrderRow row) throws IOException
        {
            rows.write(values(row));
            rows.flush();
        }
    }

    /** JSON lines through Jackson: one object per line, every column as a field (numbers as numbers). */
    static final class JsonRows extends RowWriter
    {
        private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
        private final Writer out;

        JsonRows(final Writer out, final String currency)
        {
            super(currency);
            this.out = out;
        }

        @Override
        void header()
        {
            // JSON lines carry their field names on every line
        }

        @Override
        void write(final OrderRow row) throws IOException
        {
            final Object[] values = values(row);
            try (JsonGenerator json = JSON.createGenerator(out))
            {
                json.writeStartObject();
                for (int i = 0; i < values.length; i++)
                {
                    if (values[i] instanceof Long number)
                    {
                        json.writeNumberField(COLUMNS.get(i), number);
                    }
                    else
                    {
                        json.writeStringField(COLUMNS.get(i), values[i].toString());
                    }
                }
                json.writeEndObject();
            }
            out.write('\n');
        }
    }
}
