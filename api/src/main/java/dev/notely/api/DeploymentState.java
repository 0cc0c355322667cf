package dev.notely.api;

import java.util.Optional;

/**
 * A snapshot of the deployment controller, for {@code GET /deployments} and the dashboard.
 *
 * @param status    where the controller is in its cycle
 * @param progress  present during {@link DeploymentStatus#ROLLOUT_WAIT}
 * @param current   the newest running version
 * @param previous  the version being replaced, during a rollout
 * @param lastError why the most recent deployment failed, until the next one succeeds
 */
public record DeploymentState(
        DeploymentStatus status,
        Optional<RolloutProgress> progress,
        Optional<ProxyInfo> current,
        Optional<ProxyInfo> previous,
        Optional<String> lastError) {

    public static final DeploymentState INITIAL =
            new DeploymentState(DeploymentStatus.INITIAL, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
}
