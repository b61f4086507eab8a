package io.flashsale.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.flashsale.engine.command.CommandType;
import io.flashsale.engine.command.EngineEvent;
import io.flashsale.engine.logic.CommandProcessor;
import io.flashsale.engine.snapshot.SnapshotStore;
import io.flashsale.engine.state.EngineState;
import io.flashsale.engine.state.Invariants;
import io.flashsale.engine.state.StateDiff;
import io.flashsale.engine.support.TestCommands;

/**
 * Property: for random command sequences (buys with retried request ids, pays, cancels by owners and strangers,
 * ticks, restocks, new SKUs), the state rebuilt from the journal alone, and from a mid-way snapshot plus the journal
 * after it, equals the live state field by field.
 */
class ReplayEquivalenceTest
{
    private static final int COMMANDS = 3_000;
    private static final long SALE = 1;
    private static final long OPEN = 1_000_000;
    private static final long WINDOW = 5_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void shouldRebuildIdenticalStateFromJournalAndFromSnapshotPlusTail(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final EngineState live = new EngineState(16, 1024);
        final SnapshotStore snapshots = new SnapshotStore(DataDirectoryLayout.snapshots(dir));
        final int snapshotAt = 1 + random.nextInt(COMMANDS - 1);
        try (Journal journal = new Journal(DataDirectoryLayout.journal(dir), SyncPolicy.NONE, false))
        {
            final JournalWriter writer = journal.newWriter();
            final CommandProcessor processor = new CommandProcessor(live, writer);
            final TestCommands commands = new TestCommands();
            long now = OPEN;
            processor.process(commands.defineSale(now, SALE, OPEN, OPEN + 10 * COMMANDS * WINDOW, WINDOW));
            int skus = 0;
            for (int i = 0; i < COMMANDS; i++)
            {
                now += random.nextInt(200);
                if (skus == 0 || random.nextInt(100) == 0)
                {
                    skus++;
                    processor.process(commands.addSku(now, SALE, skus, 100 + skus, 1 + random.nextInt(20),
                        1 + random.nextInt(3)));
                }
                processor.process(randomCommand(random, commands, now, skus, live));
                if (random.nextInt(8) == 0)
                {
                    writer.commit();
                }
                if (i == snapshotAt)
                {
                    writer.commit();
                    snapshots.write(live, writer.lastIndex());
                }
            }
            writer.commit();
            assertTrue(Invariants.violations(live).isEmpty(), () -> Invariants.violations(live).toString());
            assertTrue(live.orders().count() > 100, "the sequence made orders");

            final EngineState replayed = new EngineState(16, 16);
            final JournalReader reader = journal.newReader(-1);
            reader.readAll(replayed);
            assertEquals(writer.recordsWritten(), reader.records());
            assertNull(StateDiff.firstDifference(live, replayed), "full replay");

            final SnapshotStore.Loaded loaded = snapshots.loadLatest(() -> new EngineState(16, 16));
            assertNotNull(loaded);
            journal.newReader(loaded.queueIndex()).readAll(loaded.state());
            assertNull(StateDiff.firstDifference(live, loaded.state()), "snapshot + tail");
            writer.close();
        }
    }

    private static EngineEvent randomCommand(
        final SplittableRandom random, final TestCommands commands, final long now, final int skus,
        final EngineState live)
    {
        final long orders = live.orders().count();
        final int pick = random.nextInt(100);
        if (pick < 60 || orders == 0)
        {
            final long user = 1 + random.nextInt(40);
            final String id = "r" + random.nextInt(Math.max(1, (int)orders + 50));
            return commands.buy(now, user, 1 + random.nextInt(skus), random.nextInt(4), id);
        }
        final long orderId = 1 + random.nextLong(orders + 2);
        final long owner = orderId <= orders ? live.orders().user(orderId) : 1;
        final long user = random.nextInt(10) == 0 ? owner + 1 : owner;
        if (pick < 75)
        {
            return commands.order(CommandType.PAY, now, orderId, user);
        }
        if (pick < 85)
        {
            return commands.order(CommandType.CANCEL, now, orderId, user);
        }
        if (pick < 95)
        {
            return commands.tick(now);
        }
        return commands.restock(now, 1 + random.nextInt(skus), random.nextInt(5));
    }
}
