package io.flashsale.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.engine.audit.AuditReport;
import io.flashsale.engine.audit.JournalAudit;

class MemberJournalTest
{
    private static final byte[] REQUEST = "r-1".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void shouldNotWriteMessagesAtOrBelowTheStampAgainOnReplay()
    {
        try (MemberJournal journal = MemberJournal.open(dir))
        {
            define(journal, 100);
            reserve(journal, 200, 1);
            reserve(journal, 300, 2);
        }
        try (MemberJournal journal = MemberJournal.open(dir))
        {
            assertEquals(300, journal.stampedPosition());
            reserve(journal, 200, 1);
            reserve(journal, 300, 2);
            reserve(journal, 400, 3);
            assertEquals(2, journal.recordsSkipped());
            assertEquals(1, journal.recordsWritten());
        }
        assertRecords(5);
    }

    @Test
    void shouldSkipTheExcerptCommittedButNotStampedBeforeACrash() throws Exception
    {
        final byte[] stampAfter200;
        try (MemberJournal journal = MemberJournal.open(dir))
        {
            define(journal, 100);
            reserve(journal, 200, 1);
            stampAfter200 = Files.readAllBytes(stampFile());
            reserve(journal, 300, 2);
        }
        // the process died after committing the message at 300 and before stamping it
        Files.write(stampFile(), stampAfter200);
        assertReplayWritesOnlyTheNewMessage();
    }

    @Test
    void shouldTreatATornStampAsThePreviousOne() throws Exception
    {
        final byte[] stampAfter200;
        final byte[] stampAfter300;
        try (MemberJournal journal = MemberJournal.open(dir))
        {
            define(journal, 100);
            reserve(journal, 200, 1);
            stampAfter200 = Files.readAllBytes(stampFile());
            reserve(journal, 300, 2);
            stampAfter300 = Files.readAllBytes(stampFile());
        }
        // the process died while stamping 300: position and index written, check word not yet
        final byte[] torn = stampAfter300.clone();
        final int slot = Arrays.equals(stampAfter200, 0, 32, stampAfter300, 0, 32) ? 32 : 0;
        System.arraycopy(stampAfter200, slot + 16, torn, slot + 16, 8);
        Files.write(stampFile(), torn);
        assertReplayWritesOnlyTheNewMessage();
    }

    private void assertReplayWritesOnlyTheNewMessage()
    {
        try (MemberJournal journal = MemberJournal.open(dir))
        {
            assertEquals(200, journal.stampedPosition());
            reserve(journal, 200, 1);
            define(journal, 250);
            reserve(journal, 300, 2);
            reserve(journal, 400, 3);
            assertEquals(400, journal.stampedPosition());
            assertEquals(2, journal.recordsSkipped());
            assertEquals(1, journal.recordsWritten());
        }
        assertRecords(5);
    }

    private Path stampFile()
    {
        return dir.resolve(MemberJournal.STAMP_FILE);
    }

    @Test
    void shouldStampOnlyMessagesThatEmitRecords()
    {
        try (MemberJournal journal = MemberJournal.open(dir))
        {
            journal.beginMessage(50);
            journal.endMessage(50);
            assertEquals(-1, journal.stampedPosition());
            define(journal, 100);
            assertEquals(100, journal.stampedPosition());
        }
    }

    private static void define(final MemberJournal journal, final long position)
    {
        journal.beginMessage(position);
        if (position == 100)
        {
            journal.onSaleDefined(1, 1, 0, 10_000, 60_000);
            journal.onSkuAdded(1, 100, 1, 7, 999, 10, 2, 20);
        }
        journal.endMessage(position);
    }

    private static void reserve(final MemberJournal journal, final long position, final long orderId)
    {
        journal.beginMessage(position);
        journal.onOrderReserved(2, orderId, 1000 + orderId, 100, 1, 999, 60_002, REQUEST, REQUEST.length);
        journal.endMessage(position);
    }

    private void assertRecords(final long expected)
    {
        final AuditReport report = JournalAudit.run(dir);
        assertTrue(report.clean(), () -> report.violations().toString());
        assertEquals(expected, report.records());
    }
}
