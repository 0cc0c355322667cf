package dev.notely.app.migration;

import dev.notely.api.BackfillStatus;
import dev.notely.api.StageMoves;
import dev.notely.api.VerificationReport;
import dev.notely.store.Account;
import dev.notely.store.MigrationStage;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Exercise 3's gates: an account moves forward past {@code dual-write} only once its backfill is done and
 * a verification of it is clean, so no stage ever reads from a store that is missing notes.
 */
public final class StageGate implements StageMoves.Gate {

    private final Supplier<BackfillStatus> backfill;
    private final ToLongFunction<Account> leftNow;
    private final Verifier verifier;
    private final int recounts;
    private final Duration pause;

    /**
     * @param backfill the backfill's progress
     * @param leftNow  the notes left for one account, counted afresh
     */
    public StageGate(Supplier<BackfillStatus> backfill, ToLongFunction<Account> leftNow, Verifier verifier) {
        this(backfill, leftNow, verifier, Verifier.RECHECKS, Verifier.RECHECK_PAUSE);
    }

    public StageGate(Supplier<BackfillStatus> backfill, ToLongFunction<Account> leftNow, Verifier verifier, int recounts,
              Duration pause) {
        this.backfill = backfill;
        this.leftNow = leftNow;
        this.verifier = verifier;
        this.recounts = recounts;
        this.pause = pause;
    }

    @Override
    public Optional<String> refusal(Account account, MigrationStage to) {
        if (to.ordinal() <= MigrationStage.DUAL_WRITE.ordinal()) {
            return Optional.empty(); // starting to write both stores needs nothing first
        }
        Optional<BackfillStatus.AccountProgress> progress = backfill.get().accounts().stream()
                .filter(p -> p.id().equals(account.id())).findFirst();
        if (progress.isEmpty() || !progress.get().done() || progress.get().left() > 0 && !settles(account)) {
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

    /**
     * Whether the notes left for a backfilled account come to none when counted again: users writing both
     * stores reach one a moment before the other, and a write in flight is no copy still to make.
     */
    private boolean settles(Account account) {
        for (int attempt = 0; attempt <= recounts; attempt++) {
            if (attempt > 0) {
                try {
                    Thread.sleep(pause.toMillis()); // gives a write in flight time to reach its second store
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            if (leftNow.applyAsLong(account) == 0) {
                return true;
            }
        }
        return false;
    }
}
