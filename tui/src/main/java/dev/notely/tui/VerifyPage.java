package dev.notely.tui;

import com.googlecode.lanterna.SGR;
import dev.notely.api.VerificationReport;
import dev.notely.api.VerificationReport.AccountResult;
import dev.notely.api.VerificationReport.KindCount;
import dev.notely.api.VerificationReport.Summary;
import dev.notely.store.Account;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Page 4: the last verification of the note stores (accounts clean and with differences, notes by where
 * they are, the worst accounts), and whether one is running. {@code v} starts one.
 */
final class VerifyPage {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private VerifyPage() {
    }

    static void render(Canvas c, int top, int bottom, DashboardData d) {
        VerifyStatus status = d.verification();
        int width = c.width - 2;
        c.title(1, top, "Verification of the note stores", width);
        int row = top + 1;
        if (status.running()) {
            long seconds = Duration.between(status.runningSince().orElseThrow(), Instant.now()).toSeconds();
            c.text(1, row++, "verifying… started " + seconds + " s ago", width, c.theme.accent, SGR.BOLD);
        }
        if (status.error().isPresent()) {
            c.text(1, row++, "the last verification failed: " + status.error().get(), width, c.theme.bad);
        }
        if (status.last().isEmpty()) {
            if (!status.running()) {
                explain(c, row, width);
            }
            return;
        }
        VerificationReport report = status.last().get();
        Summary s = report.summary();
        String when = status.finishedAt().map(CLOCK::format).orElse("") + ", took "
                + String.format(Locale.ROOT, "%.1f s", report.took().toMillis() / 1000.0);
        int x;
        if (report.clean()) {
            x = c.text(1, row, " ✓ CLEAN ", width, c.theme.good, SGR.BOLD, SGR.REVERSE);
            x = c.text(x + 1, row, "every note is where its account's mode says", width - x, c.theme.good);
        } else {
            x = c.text(1, row, " ✗ " + Format.count(s.notesUnexpected()) + (s.notesUnexpected() == 1 ? " NOTE" : " NOTES")
                    + " OUT OF PLACE ", width, c.theme.bad, SGR.BOLD, SGR.REVERSE);
            x = c.text(x + 1, row, "in " + Format.count(s.accountsWithDifferences())
                    + (s.accountsWithDifferences() == 1 ? " account" : " accounts"), width - x, c.theme.bad);
        }
        c.text(x + 2, row++, "verified " + when, width - x - 1, c.theme.dim);
        x = c.text(1, row, "Accounts  ", width, c.theme.dim);
        c.text(x, row++, Format.count(s.accountsChecked()) + " checked · " + Format.count(s.accountsClean()) + " clean · "
                + Format.count(s.accountsWithDifferences()) + " with differences"
                + (s.accountsWithoutRow() > 0 ? " · " + Format.count(s.accountsWithoutRow()) + " without an account row" : ""),
                1 + width - x, s.accountsWithDifferences() == 0 ? c.theme.text : c.theme.bad);
        x = c.text(1, row, "Notes     ", width, c.theme.dim);
        c.text(x, row++, Format.count(s.notesChecked()) + " checked · " + Format.count(s.notesExpected()) + " in place · "
                + Format.count(s.notesUnexpected()) + " out of place"
                + (s.notesSettled() > 0 ? " · " + Format.count(s.notesSettled()) + " settled on a re-check" : ""),
                1 + width - x, c.theme.text);
        int gap = bottom - top >= 19 ? 1 : 0; // 80×24 has room for the blank lines
        row += gap;
        List<Table.Row> kinds = new ArrayList<>();
        for (KindCount k : s.kinds()) {
            kinds.add(new Table.Row(List.of(k.kind().label(), Format.count(k.expected()), Format.count(k.unexpected())),
                    k.unexpected() > 0 ? c.theme.bad : k.expected() > 0 ? c.theme.text : c.theme.dim));
        }
        row += Table.draw(c, 1, row, Math.min(width, 64), Math.min(kinds.size() + 1, bottom - row),
                List.of(Table.Column.flex("where the notes are", 30, 40), Table.Column.number("expected", 10, 1),
                        Table.Column.number("unexpected", 10, 1)), kinds);
        row += gap;
        if (s.worst().isEmpty() || row + 2 >= bottom) {
            return;
        }
        c.title(1, row++, "Worst accounts", width);
        List<Table.Row> worst = new ArrayList<>();
        for (AccountResult a : s.worst()) {
            String id = c.width >= 120 ? a.accountId().toString() : a.accountId().toString().substring(0, 8);
            String name = a.account().map(Account::name).orElse("(no account row)");
            String migrating = a.account().map(account -> account.isMigrating() ? "yes" : "no").orElse("");
            String shard = a.account().map(account -> account.shard() == null ? "—" : account.shard()).orElse("");
            String first = a.differences().isEmpty() ? "" : a.differences().get(0).reason();
            worst.add(new Table.Row(List.of(id, name, migrating, shard, Format.count(a.unexpected()), first), c.theme.bad));
        }
        // The first difference says where the notes belong, so the account's home needs no column of its own.
        Table.draw(c, 1, row, width, Math.min(worst.size() + 1, bottom - row),
                List.of(Table.Column.text("id", c.width >= 120 ? 36 : 8, 0), Table.Column.text("name", 10, 1),
                        Table.Column.text("migrating", 9, 3), Table.Column.text("shard", 6, 3),
                        Table.Column.number("out of place", 12, 0), Table.Column.flex("first difference", 20, 80)),
                worst);
    }

    /** Before the first verification: what it does and how to start it. */
    private static void explain(Canvas c, int row, int width) {
        String[] lines = {
                "No verification yet. Press v to compare the note stores directly, account by account:",
                "every note is found in the stores and checked against where its account's mode says it",
                "belongs (legacy while not migrating, new while migrating, its shard when it has one;",
                "in exercise 3, both stores from dual-write to ramp-down, new alone at complete).",
                "A note left behind, in two stores, or with copies that differ is a difference; a note",
                "being written while it is checked is read again before it counts. After a backfill,",
                "a clean verification means the migration is done."};
        for (String line : lines) {
            c.text(1, row++, line, width, c.theme.dim);
        }
    }
}
