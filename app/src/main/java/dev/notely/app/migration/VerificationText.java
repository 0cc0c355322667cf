package dev.notely.app.migration;

import dev.notely.api.VerificationReport;
import dev.notely.api.VerificationReport.AccountResult;
import dev.notely.api.VerificationReport.Difference;
import dev.notely.api.VerificationReport.KindCount;
import dev.notely.api.VerificationReport.Summary;
import dev.notely.store.Account;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** A verification report as a person reads it in a terminal ({@code --verify}, and the log line). */
final class VerificationText {

    /** Differences listed one by one before the rest are only counted. */
    static final int LISTED = 20;

    private VerificationText() {
    }

    /** One line: "200 accounts, 1,000 notes in 0.4 s: clean" or "...: 3 notes out of place in 2 accounts". */
    static String headline(VerificationReport report) {
        Summary s = report.summary();
        String checked = count(s.accountsChecked()) + (s.accountsChecked() == 1 ? " account, " : " accounts, ")
                + count(s.notesChecked()) + (s.notesChecked() == 1 ? " note" : " notes") + " in "
                + seconds(report.took());
        return checked + ": " + (report.clean() ? "clean"
                : count(s.notesUnexpected()) + (s.notesUnexpected() == 1 ? " note" : " notes") + " out of place in "
                + count(s.accountsWithDifferences()) + (s.accountsWithDifferences() == 1 ? " account" : " accounts"));
    }

    /** @param remarks lines to show under the first, such as a store that was not there to compare */
    static void print(VerificationReport report, String where, List<String> remarks, PrintStream out) {
        Summary s = report.summary();
        out.println("Verified " + String.join(", ", report.stores()) + " in " + where + ": " + headline(report));
        remarks.forEach(remark -> out.println("  (" + remark + ")"));
        out.println("  accounts: " + count(s.accountsClean()) + " clean, " + count(s.accountsWithDifferences())
                + " with differences" + (s.accountsWithoutRow() > 0
                ? " (" + count(s.accountsWithoutRow()) + " of them with notes but no account row)" : ""));
        out.println("  notes:    " + count(s.notesExpected()) + " where they belong, " + count(s.notesUnexpected())
                + " out of place" + (s.notesSettled() > 0 ? "; " + count(s.notesSettled())
                + " more were being written and settled on a re-check" : ""));
        out.println();
        out.printf(Locale.ROOT, "  %-40s %10s %11s%n", "where the notes are", "expected", "unexpected");
        for (KindCount k : s.kinds()) {
            out.printf(Locale.ROOT, "  %-40s %10s %11s%n", k.kind().label(), count(k.expected()), count(k.unexpected()));
        }
        if (!s.worst().isEmpty()) {
            out.println();
            out.println("  worst accounts");
            for (AccountResult a : s.worst()) {
                out.println("    " + account(a) + ": " + count(a.unexpected()) + " out of place");
            }
            out.println();
            out.println("  differences");
            int listed = 0;
            for (AccountResult a : report.accounts()) {
                for (Difference d : a.differences()) {
                    if (listed++ < LISTED) {
                        out.println("    account " + a.accountId() + ", note " + d.noteId() + ": " + d.reason());
                    }
                }
            }
            if (listed > LISTED) {
                out.println("    … and " + count(listed - LISTED) + " more (--verify --json lists every one)");
            }
        }
        out.println();
        out.println(report.clean() ? "Clean: every note is where its account's mode says it belongs."
                : "Differences: " + count(s.notesUnexpected()) + " notes are not where their account's mode says they "
                + "belong.");
    }

    /** "user-1-3 (4f1c2a9e…, migrating, home new)", or the id alone for notes without an account. */
    private static String account(AccountResult a) {
        String id = a.accountId().toString();
        if (a.account().isEmpty()) {
            return id + " (no account row)";
        }
        Account account = a.account().get();
        return account.name() + " (" + id + (account.isMigrating() ? ", migrating" : "")
                + (account.shard() != null ? ", shard " + account.shard() : "")
                + a.home().map(h -> ", home " + h).orElse("") + ")";
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String seconds(java.time.Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
