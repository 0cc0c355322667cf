package dev.notely.app;

import dev.notely.api.BackfillStatus;
import dev.notely.api.StageMoves;
import dev.notely.api.VerificationReport;
import dev.notely.store.Account;
import dev.notely.store.MigrationStage;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Exercise 3's gates: an account moves forward past {@code dual-write} only once its backfill is done and
 * a verification of it is clean, so no stage ever reads from a store that is missing notes.
 */
final class StageGate implements StageMoves.Gate {

    private final Supplier<BackfillStatus> backfill;
    private final Verifier verifier;

    StageGate(Supplier<BackfillStatus> backfill, Verifier verifier) {
        this.backfill = backfill;
        this.verifier = verifier;
    }

    @Override
    public Optional<String> refusal(Account account, MigrationStage to) {
        if (to.ordinal() <= MigrationStage.DUAL_WRITE.ordinal()) {
            return Optional.empty(); // starting to write both stores needs nothing first
        }
        Optional<BackfillStatus.AccountProgress> progress = backfill.get().accounts().stream()
                .filter(p -> p.id().equals(account.id())).findFirst();
        if (progress.isEmpty() || !progress.get().done() || progress.get().left() > 0) {
            long moved = progress.map(BackfillStatus.AccountProgress::moved).orElse(0L);
            long left = progress.map(BackfillStatus.AccountProgress::left).orElse(0L);
            int percent = moved + left == 0 ? 0 : (int) Math.min(99, 100 * moved / (moved + left));
            return Optional.of("backfill " + percent + " % (press b, or POST /backfill {\"action\":\"start\"})");
        }
        VerificationReport report = verifier.verify(account.id());
        long differ = report.summary().notesUnexpected();
        if (differ > 0) {
            return Optional.of(String.format(Locale.ROOT, "verify: %d note%s differ%s", differ, differ == 1 ? "" : "s",
                    differ == 1 ? "s" : ""));
        }
        return Optional.empty();
    }
}
