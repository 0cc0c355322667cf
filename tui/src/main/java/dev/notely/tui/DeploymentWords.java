package dev.notely.tui;

import dev.notely.api.DeploymentState;
import dev.notely.api.ProxyInfo;

/** The deployment's state in words a person reads, rather than the controller's status names. */
final class DeploymentWords {

    private DeploymentWords() {
    }

    /**
     * For the deployment panel: "READY · v3 serves every request", "v3 and v2 share traffic" (the panel
     * draws the time left beside it), "starting a new version · v2 serves".
     *
     * @param deploying a deployment asked for from this dashboard has not returned yet
     */
    static String status(DeploymentState d, boolean deploying) {
        String current = d.current().map(DeploymentWords::name).orElse("");
        return switch (d.status()) {
            case INITIAL -> deploying ? "deploying… compiling and starting the first version" : "nothing deployed yet";
            case ROLLOUT_LAUNCH_NEW -> current.isEmpty() ? "starting the first version"
                    : "starting a new version · " + current + " serves meanwhile";
            case ROLLOUT_WAIT -> sharing(d);
            case READY -> deploying ? "deploying… compiling and starting a new version · " + current + " serves meanwhile"
                    : "READY · " + current + " serves every request";
        };
    }

    /** For the header: short, with the seconds left of a rollout. */
    static String brief(DeploymentState d) {
        String current = d.current().map(DeploymentWords::name).orElse("");
        return switch (d.status()) {
            case INITIAL -> "nothing deployed";
            case ROLLOUT_LAUNCH_NEW -> "starting a new version";
            case ROLLOUT_WAIT -> sharing(d) + d.progress().map(p -> ", " + p.secondsLeft() + " s left").orElse("");
            case READY -> current + " ready";
        };
    }

    private static String sharing(DeploymentState d) {
        String current = d.current().map(DeploymentWords::name).orElse("the new version");
        return d.previous().map(p -> current + " and " + name(p) + " share traffic").orElse(current + " takes over");
    }

    private static String name(ProxyInfo p) {
        return "v" + p.version();
    }
}
