package dev.notely.tui;

import dev.notely.api.ExplainedMiss;
import dev.notely.api.BackfillStatus;
import dev.notely.api.DeploymentState;
import dev.notely.store.Account;
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
        List<ExplainedMiss> misses) {
}
