package dev.notely.app.room;

import dev.notely.api.Backfill;
import dev.notely.api.BackfillStatus;
import dev.notely.api.Deployments;
import dev.notely.api.ProxyInfo;
import dev.notely.api.VerificationReport;
import dev.notely.app.grading.GradeRecord;
import dev.notely.room.Progress;
import dev.notely.store.Account;
import dev.notely.store.AccountStore;
import dev.notely.store.MigrationStage;
import dev.notely.telemetry.StatsCollector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What this kit tells the room, read from the parts that know it: the latest {@code --grade} of each exercise
 * (kept in the data folder), the misses counted by telemetry, the version serving, the accounts' stages, the
 * backfill and the latest verification. Figures only: never code, notes or paths.
 */
public final class KitProgress {

    /** The misses the room calls recent. */
    static final Duration RECENT = Duration.ofMinutes(5);

    private final String name;
    private final Path dataDir;
    private final StatsCollector stats;
    private final Deployments deployments;
    private final AccountStore accounts;
    private final Backfill backfill;
    private final Supplier<Optional<VerificationReport>> verification;
    private final RecentMisses misses;

    public KitProgress(String name, Path dataDir, StatsCollector stats, Deployments deployments, AccountStore accounts,
                       Backfill backfill, Supplier<Optional<VerificationReport>> verification, LongSupplier nanoClock) {
        this.name = name;
        this.dataDir = dataDir;
        this.stats = stats;
        this.deployments = deployments;
        this.accounts = accounts;
        this.backfill = backfill;
        this.verification = verification;
        this.misses = new RecentMisses(RECENT, nanoClock);
    }

    /** The kit's progress now. Each part that cannot be read is left out, never in the way of the rest. */
    public Progress read() {
        TreeMap<Integer, Progress.Checks> exercises = new TreeMap<>();
        for (GradeRecord record : GradeRecord.read(dataDir)) {
            exercises.put(record.exercise(), new Progress.Checks(record.passed(), record.total()));
        }
        return new Progress(name, exercises, misses.read(stats.snapshot().totalMisses()),
                deployments.state().current().map(ProxyInfo::version), stages(), backfill(), verify());
    }

    private Map<String, Integer> stages() {
        Map<MigrationStage, Integer> counts = new EnumMap<>(MigrationStage.class);
        try {
            for (Account account : accounts.listAccounts()) {
                counts.merge(account.stage(), 1, Integer::sum);
            }
        } catch (RuntimeException e) {
            return Map.of();
        }
        Map<String, Integer> byLabel = new LinkedHashMap<>();
        counts.forEach((stage, n) -> byLabel.put(stage.label(), n));
        return byLabel;
    }

    private String backfill() {
        try {
            BackfillStatus status = backfill.status();
            return switch (status.state()) {
                case RUNNING, PAUSED -> String.format(Locale.ROOT, "%s %d %%", status.state().word(),
                        Math.round(100 * status.fraction()));
                default -> status.state().word();
            };
        } catch (RuntimeException e) {
            return "";
        }
    }

    private String verify() {
        return verification.get().map(report -> report.clean() ? "clean"
                : report.summary().notesUnexpected() + (report.summary().notesUnexpected() == 1 ? " note" : " notes")
                + " out of place").orElse("not run");
    }
}
