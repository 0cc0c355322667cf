package dev.notely.tui;

import dev.notely.api.DeploymentState;
import dev.notely.telemetry.ApiKey;
import dev.notely.telemetry.MetricRow;
import dev.notely.telemetry.StatsSnapshot;
import java.util.List;
import java.util.Optional;

/**
 * Whether the kit answers its users: failed API requests, and whether any version serves at all. An
 * overview that shows misses but not failures hides an outage: a user who gets a 500 has nothing to
 * check, so a broken proxy makes no misses.
 *
 * @param failed          failed API requests since the start (or the last reset)
 * @param failedPerMinute failed API requests in the last window, scaled to a minute
 * @param outage          what is wrong right now, for the header; empty while requests succeed
 */
record Health(long failed, double failedPerMinute, Optional<String> outage) {

    /** 5xx, and 4xx other than 404: a 404 is an answer (the note is not there), the others are not. */
    static boolean failed(int status) {
        return status >= 500 || status >= 400 && status != 404;
    }

    static boolean failed(ApiKey key) {
        return failed(key.status());
    }

    static Health of(DashboardData d) {
        return of(d.stats(), d.deployment());
    }

    static Health of(StatsSnapshot s, DeploymentState deployment) {
        List<MetricRow<ApiKey>> rows = s.api().stream().filter(r -> failed(r.key())).toList();
        long failed = rows.stream().mapToLong(r -> r.metrics().totalCount()).sum();
        double perMinute = rows.stream().mapToDouble(r -> r.metrics().requestsPerMin()).sum();
        String outage = null;
        if (deployment.current().isEmpty()) {
            outage = "NO VERSION SERVES";
        } else if (perMinute > 0) {
            outage = "FAILING " + Format.rate(perMinute) + " req/min";
        }
        return new Health(failed, perMinute, Optional.ofNullable(outage));
    }
}
