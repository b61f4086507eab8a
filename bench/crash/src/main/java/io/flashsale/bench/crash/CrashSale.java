package io.flashsale.bench.crash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The sale the crash harness runs: four scarce lots (200 units, limit 2, so they sell out and stock is contested) and
 * six everyday SKUs with deep stock (limit 5), open from the first start for two days, with a one-hour payment window
 * so no order expires during a run. Buyers are drawn from 200,000 user ids. Public for the command line's tests,
 * which start a node with it.
 */
public final class CrashSale
{
    /** The SKU ids: the first four are the scarce lots. */
    static final long[] SKUS = {2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008, 2009, 2010};
    private static final int SCARCE = 4;
    private static final int USERS = 200_000;

    /**
     * @param file where to write the sale definition (JSON, as {@code flashsale run --sale} reads it).
     * @return the file.
     * @throws IOException if it cannot be written.
     */
    public static Path write(final Path file) throws IOException
    {
        final StringBuilder json = new StringBuilder(1024);
        json.append("{\"id\":77,\"name\":\"crash test sale\",\"opensAt\":\"now\",\"closesAt\":\"PT48H\",")
            .append("\"paymentWindowSeconds\":3600,\"stores\":[{\"id\":1,\"name\":\"Crash Store\"}],\"skus\":[");
        for (int i = 0; i < SKUS.length; i++)
        {
            final boolean scarce = i < SCARCE;
            json.append(i == 0 ? "" : ",").append("{\"id\":").append(SKUS[i])
                .append(",\"store\":1,\"name\":\"sku ").append(SKUS[i]).append("\",\"price\":").append(100 + i)
                .append(",\"stock\":").append(scarce ? 200 : 10_000_000).append(",\"limit\":")
                .append(scarce ? 2 : 5).append('}');
        }
        json.append("]}");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    Ledger.Buy randomBuy(final Random random, final String requestId)
    {
        final int sku = random.nextInt(3) == 0 ? random.nextInt(SCARCE) : SCARCE + random.nextInt(SKUS.length - SCARCE);
        final int limit = sku < SCARCE ? 2 : 5;
        return new Ledger.Buy(requestId, SKUS[sku], 1 + random.nextInt(USERS), 1 + random.nextInt(limit + 1));
    }
}
