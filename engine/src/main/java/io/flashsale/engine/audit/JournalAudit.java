package io.flashsale.engine.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.flashsale.engine.command.EngineEvent;
import io.flashsale.engine.command.OrderState;
import io.flashsale.engine.journal.DataDirectoryLayout;
import io.flashsale.engine.journal.Journal;
import io.flashsale.engine.journal.JournalCorruptedException;
import io.flashsale.engine.journal.JournalReader;
import io.flashsale.engine.journal.RecordHandler;
import io.flashsale.engine.journal.SyncPolicy;
import io.flashsale.engine.snapshot.SnapshotCorruptedException;
import io.flashsale.engine.snapshot.SnapshotStore;
import io.flashsale.engine.state.Catalog;
import io.flashsale.engine.state.EngineState;
import io.flashsale.engine.state.Invariants;
import io.flashsale.engine.state.OrderStore;
import io.flashsale.engine.state.RequestIdIndex;
import io.flashsale.engine.state.StateDiff;

/**
 * Offline audit of a node's data directory: replays the whole journal, checking every record against the state
 * before applying it (no oversell, no user above the limit, no request id with two orders, order ids in sequence,
 * state transitions only from RESERVED, payments before and expiries after the deadline, reservations only inside the
 * sale window), then checks the invariants on the final state and compares the newest snapshot with the journal at the
 * snapshot's index. A record that breaks a rule is reported with its journal index and not applied.
 * <p>
 * Opens the journal read-only: it may run beside a live node (it then audits what was committed so far).
 */
public final class JournalAudit implements RecordHandler
{
    private static final int MAX_VIOLATIONS = 1_000;

    private final EngineState state = new EngineState(4096, 1 << 16);
    private final List<String> violations = new ArrayList<>();
    private JournalReader reader;

    private JournalAudit()
    {
    }

    /**
     * @param dataDirectory a node's data directory (holding journal/ and snapshots/).
     * @return the report.
     */
    public static AuditReport run(final Path dataDirectory)
    {
        return new JournalAudit().audit(dataDirectory);
    }

    private AuditReport audit(final Path dataDirectory)
    {
        final Path journalDir = DataDirectoryLayout.journal(dataDirectory);
        if (!Files.isDirectory(journalDir))
        {
            throw new IllegalArgumentException("no journal in " + dataDirectory + " (expected " + journalDir + ")");
        }
        final SnapshotStore snapshots = new SnapshotStore(DataDirectoryLayout.snapshots(dataDirectory));
        final List<Path> snapshotFiles = snapshots.list();
        final Path snapshotFile = snapshotFiles.isEmpty() ? null : snapshotFiles.get(snapshotFiles.size() - 1);
        long snapshotIndex = -1;
        EngineState snapshotState = null;
        String snapshotCheck = "no snapshot";
        if (snapshotFile != null)
        {
            try
            {
                final SnapshotStore.Loaded loaded = SnapshotStore.load(snapshotFile, new EngineState(4096, 1 << 16));
                snapshotIndex = loaded.queueIndex();
                snapshotState = loaded.state();
            }
            catch (final SnapshotCorruptedException ex)
            {
                snapshotCheck = "snapshot damaged (a node falls back to full replay): " + ex.getMessage();
            }
        }
        long excerpts = 0;
        try (Journal journal = new Journal(journalDir, SyncPolicy.NONE, true))
        {
            reader = journal.newReader(-1);
            while (reader.readExcerpt(this))
            {
                excerpts++;
                if (snapshotState != null && reader.lastIndex() == snapshotIndex)
                {
                    final String diff = StateDiff.firstDifference(snapshotState, state);
                    snapshotCheck = diff == null ?
                        "snapshot " + snapshotFile.getFileName() + " matches the journal at its index" :
                        "snapshot " + snapshotFile.getFileName() + " disagrees with the journal: " + diff;
                    if (diff != null)
                    {
                        violation(snapshotCheck);
                    }
                    snapshotState = null;
                }
            }
        }
        catch (final JournalCorruptedException ex)
        {
            violation(ex.getMessage());
        }
        if (snapshotState != null)
        {
            snapshotCheck = "snapshot index 0x" + Long.toHexString(snapshotIndex) + " not found in the journal";
            violation(snapshotCheck);
        }
        for (final String v : Invariants.violations(state))
        {
            violation("final state: " + v);
        }
        return report(excerpts, snapshotCheck);
    }

    private AuditReport report(final long excerpts, final String snapshotCheck)
    {
        final long[] byState = new long[OrderState.values().length];
        final OrderStore orders = state.orders();
        for (long o = 1; o <= orders.count(); o++)
        {
            byState[orders.state(o)]++;
        }
        final Catalog catalog = state.catalog();
        final List<AuditReport.SkuUnits> skus = new ArrayList<>();
        long atLimit = 0;
        for (int i = 0; i < catalog.skuCount(); i++)
        {
            skus.add(new AuditReport.SkuUnits(catalog.skuId(i), catalog.skuTotal(i), catalog.skuAvailable(i),
                catalog.skuHeld(i), catalog.skuSold(i)));
        }
        final org.agrona.collections.LongHashSet seen = new org.agrona.collections.LongHashSet();
        for (long o = 1; o <= orders.count(); o++)
        {
            final int sku = orders.sku(o);
            final long key = EngineState.userSkuKey(orders.user(o), sku);
            if (state.units(orders.user(o), sku) == catalog.skuLimit(sku) && seen.add(key))
            {
                atLimit++;
            }
        }
        return new AuditReport(reader.records(), excerpts, byState, skus, atLimit, snapshotCheck,
            List.copyOf(violations));
    }

    private void violation(final String text)
    {
        if (violations.size() < MAX_VIOLATIONS)
        {
            violations.add(text);
        }
    }

    private void violationAt(final String text)
    {
        violation("journal index 0x" + Long.toHexString(reader.currentIndex()) + ": " + text);
    }

    @Override
    public void onSaleDefined(
        final long timestamp, final long saleId, final long openAt, final long closeAt, final long paymentWindowMillis)
    {
        if (state.catalog().saleIndex(saleId) != Catalog.MISSING)
        {
            violationAt("SALE_DEFINED " + saleId + " defined twice");
            return;
        }
        if (openAt >= closeAt || paymentWindowMillis <= 0)
        {
            violationAt("SALE_DEFINED " + saleId + " with an impossible window");
            return;
        }
        state.onSaleDefined(timestamp, saleId, openAt, closeAt, paymentWindowMillis);
    }

    @Override
    public void onSkuAdded(
        final long timestamp, final long skuId, final long saleId, final long storeId, final long price,
        final int stock, final int perUserLimit, final int maxOrdersPerBuyer)
    {
        final Catalog catalog = state.catalog();
        if (catalog.saleIndex(saleId) == Catalog.MISSING || catalog.skuIndex(skuId) != Catalog.MISSING ||
            stock < 0 || perUserLimit < 1 || price < 0 || maxOrdersPerBuyer < 1)
        {
            violationAt("SKU_ADDED " + skuId + " to sale " + saleId + " is not valid here");
            return;
        }
        state.onSkuAdded(timestamp, skuId, saleId, storeId, price, stock, perUserLimit, maxOrdersPerBuyer);
    }

    @Override
    public void onLabelled(final long timestamp, final int kind, final long id, final byte[] name, final int length)
    {
        state.onLabelled(timestamp, kind, id, name, length);
    }

    @Override
    public void onRestocked(final long timestamp, final long skuId, final int quantity)
    {
        if (state.catalog().skuIndex(skuId) == Catalog.MISSING || quantity <= 0)
        {
            violationAt("RESTOCKED " + skuId + " by " + quantity + " is not valid here");
            return;
        }
        state.onRestocked(timestamp, skuId, quantity);
    }

    @Override
    public void onOrderReserved(
        final long timestamp, final long orderId, final long userId, final long skuId, final int quantity,
        final long price, final long deadline, final byte[] requestId, final int requestIdLength)
    {
        final Catalog catalog = state.catalog();
        final int sku = catalog.skuIndex(skuId);
        final String what = "ORDER_RESERVED " + orderId + " (user " + userId + ", SKU " + skuId + ", qty " +
            quantity + ", request " + new String(requestId, 0, requestIdLength,
            java.nio.charset.StandardCharsets.US_ASCII) + ")";
        if (orderId != state.orders().count() + 1)
        {
            violationAt(what + ": order id out of sequence, expected " + (state.orders().count() + 1));
            return;
        }
        if (sku == Catalog.MISSING)
        {
            violationAt(what + ": unknown SKU");
            return;
        }
        if (requestIdLength < 1 || requestIdLength > EngineEvent.MAX_REQUEST_ID_LENGTH ||
            state.requestIndex().find(userId, requestId, requestIdLength,
            state.requestIndex().hash(userId, requestId, requestIdLength)) != RequestIdIndex.MISSING)
        {
            violationAt(what + ": the buyer's request id already has an order");
            return;
        }
        if (quantity < 1 || quantity > catalog.skuAvailable(sku))
        {
            violationAt(what + ": oversell, only " + catalog.skuAvailable(sku) + " available");
            return;
        }
        if (state.units(userId, sku) + quantity > catalog.skuLimit(sku))
        {
            violationAt(what + ": user above per-user limit " + catalog.skuLimit(sku));
            return;
        }
        final int sale = catalog.skuSale(sku);
        if (timestamp < catalog.saleOpenAt(sale) || timestamp >= catalog.saleCloseAt(sale))
        {
            violationAt(what + ": reserved outside the sale window");
        }
        if (deadline != timestamp + catalog.salePaymentWindow(sale) || price != catalog.skuPrice(sku))
        {
            violationAt(what + ": deadline or price disagree with the sale");
        }
        state.onOrderReserved(timestamp, orderId, userId, skuId, quantity, price, deadline, requestId,
            requestIdLength);
    }

    private boolean reserved(final String type, final long orderId)
    {
        final OrderStore orders = state.orders();
        if (!orders.exists(orderId) || orders.state(orderId) != OrderState.RESERVED.code())
        {
            violationAt(type + " " + orderId + ": order is not RESERVED");
            return false;
        }
        return true;
    }

    @Override
    public void onOrderPaid(final long timestamp, final long orderId)
    {
        if (reserved("ORDER_PAID", orderId))
        {
            if (timestamp > state.orders().deadline(orderId))
            {
                violationAt("ORDER_PAID " + orderId + ": paid after its deadline");
            }
            state.onOrderPaid(timestamp, orderId);
        }
    }

    @Override
    public void onOrderCancelled(final long timestamp, final long orderId)
    {
        if (reserved("ORDER_CANCELLED", orderId))
        {
            state.onOrderCancelled(timestamp, orderId);
        }
    }

    @Override
    public void onOrderExpired(final long timestamp, final long orderId)
    {
        if (reserved("ORDER_EXPIRED", orderId))
        {
            if (timestamp < state.orders().deadline(orderId))
            {
                violationAt("ORDER_EXPIRED " + orderId + ": expired before its deadline");
            }
            state.onOrderExpired(timestamp, orderId);
        }
    }
}
