package dev.notely.tui;

import dev.notely.api.ExplainedMiss;
import dev.notely.api.BackfillStatus;
import dev.notely.api.ChecksStatus;
import dev.notely.api.DeploymentState;
import dev.notely.store.Account;
import dev.notely.store.faults.FaultTable;
import dev.notely.telemetry.MissActivity;
import dev.notely.telemetry.StatsSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything one frame shows, read once per refresh so drawing never waits on a data source.
 *
 * @param noteCounts per account: a number, or "?" when the count failed; absent until counted
 * @param problem    a data source that failed while reading this frame, if any
 * @param missActivity how recent the consistency misses are
 * @param verification the last verification of the stores, and whether one is running
 * @param backfill   where the backfill is; empty when the kit has none or it could not be read
 * @param faults     the store faults in force
 * @param checks     the last save of the proxy sources and what became of it
 * @param hints      the current exercise's hint steps
 */
record DashboardData(
        StatsSnapshot stats,
        DeploymentState deployment,
        List<Account> accounts,
        Map<UUID, String> noteCounts,
        List<String> logLines,
        Optional<String> problem,
        MissActivity missActivity,
        VerifyStatus verification,
        Optional<BackfillStatus> backfill,
        FaultTable faults,
        ChecksStatus checks,
        List<String> hints,
        List<ExplainedMiss> misses) {

    /** A frame without store faults, a save of the proxy sources checked, or misses explained yet. */
    DashboardData(StatsSnapshot stats, DeploymentState deployment, List<Account> accounts, Map<UUID, String> noteCounts,
                  List<String> logLines, Optional<String> problem, MissActivity missActivity, VerifyStatus verification,
                  Optional<BackfillStatus> backfill) {
        this(stats, deployment, accounts, noteCounts, logLines, problem, missActivity, verification, backfill, FaultTable.NONE,
                ChecksStatus.idle(1, null), List.of(), List.of());
    }
}
