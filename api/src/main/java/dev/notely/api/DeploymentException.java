package dev.notely.api;

/** A deployment failed; the message names the cause (for a compile error: file, line and message). */
public class DeploymentException extends RuntimeException {

    public DeploymentException(String message) {
        super(message);
    }

    public DeploymentException(String message, Throwable cause) {
        super(message, cause);
    }
}
