package dev.notely.api;

/** Where the deployment controller is in its cycle. */
public enum DeploymentStatus {
    /** Nothing deployed yet. */
    INITIAL,
    /** A new version is being compiled and started; the current one keeps serving. */
    ROLLOUT_LAUNCH_NEW,
    /** Old and new versions both serve, each request going to one of them at random. */
    ROLLOUT_WAIT,
    /** One version serves everything. */
    READY
}
