package dev.notely.api;

/**
 * Rolling deployments of the data proxy, as the REST API and the dashboard see them. Implemented by the
 * app's deployment controller.
 */
public interface Deployments {

    /**
     * Compiles the proxy sources, starts the new version beside the running one and returns once it
     * serves requests (the rollout wait then continues in the background).
     *
     * @return the new version number
     * @throws dev.notely.store.ConflictException when a deployment is already in progress
     * @throws DeploymentException                when the sources do not compile or the new version does
     *                                            not start; the running version keeps serving
     */
    int deploy();

    /**
     * Steps back one deployment: during a rollout, ends it keeping the version that served before it;
     * after one, rolls the version it replaced out again from that version's compiled classes.
     *
     * @return the version serving (or rolling out) afterwards
     * @throws dev.notely.store.ConflictException when a version is being started, or there is nothing to
     *                                            roll back to
     */
    int rollback();

    /** What is deployed right now. Cheap; safe to call from any thread. */
    DeploymentState state();
}
