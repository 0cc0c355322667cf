package dev.notely.api;

import dev.notely.store.KitException;

/** A deployment failed; the message names the cause (for a compile error: file, line and message). */
public class DeploymentException extends KitException {

    public DeploymentException(String message) {
        super(Kind.DEPLOYMENT_FAILED, message, null);
    }

    public DeploymentException(String message, Throwable cause) {
        super(Kind.DEPLOYMENT_FAILED, message, cause);
    }
}
