package dev.notely.tui;

import dev.notely.api.DeploymentState;
import dev.notely.telemetry.ApiKey;
import dev.notely.telemetry.MetricRow;
import dev.notely.telemetry.StatsSnapshot;
import dev.notely.telemetry.Status;
import java.util.List;
import java.util.Optional;

/**
 * Whether the kit answers its users: failed API requests, whether any version serves at all, and which
 * note stores are failing the proxies' calls right now. An overview that shows misses but not failures
 * hides an outage: a user who gets a 500 has nothing to check, so a broken proxy makes no misses. And a
 * store whose database server is out of reach fails only the requests that need it, so the header names it.
 *
 * @param failed          failed API requests since the start (or the last reset)
 * @param failedPerMinute failed API requests in the last window, scaled to a minute
 * @param failingStores   note stores with failed calls in the last window, in name order
 * @param outage          what is wrong right now, for the header; empty while requests succeed
 */
record Health(long failed, double failedPerMinute, List<String> failingStores, Optional<String> outage) {

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
        List<String> stores = s.store().stream()
                .filter(r -> r.key().status() == Status.ERROR && r.metrics().requestsPerMin() > 0)
                .map(r -> r.key().store()).distinct().sorted().toList();
        String outage = null;
        if (deployment.current().isEmpty()) {
            outage = "NO VERSION SERVES";
        } else if (perMinute > 0) {
            outage = "FAILING " + Format.rate(perMinute) + " req/min" + (stores.isEmpty() ? "" : ": " + storesWord(stores, "store"));
        } else if (!stores.isEmpty()) {
            outage = storesWord(stores, "STORE") + " FAILING"; // a router that hides the failure from users
        }
        return new Health(failed, perMinute, stores, Optional.ofNullable(outage));
    }

    /** {@code store new}, or {@code stores new, second} (the word in the case given). */
    private static String storesWord(List<String> stores, String word) {
        String plural = stores.size() == 1 ? "" : word.equals(word.toUpperCase(java.util.Locale.ROOT)) ? "S" : "s";
        return word + plural + " " + String.join(", ", stores);
    }
}
