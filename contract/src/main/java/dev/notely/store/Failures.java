package dev.notely.store;

/**
 * Describes a failure so a person can act on it: an exception thrown by a router with its type, its
 * message and the first line of the proxy's own code ({@code dev.notely.proxy}) it came through; or
 * the innermost cause's message of a wrapped one.
 */
public final class Failures {

    private static final String PROXY_PACKAGE = "dev.notely.proxy.";

    private Failures() {
    }

    /** {@code NullPointerException: store was null (at DataProxy.java:57)}. */
    public static String describe(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return e.getClass().getSimpleName() + message + whereInProxy(e);
    }

    /** {@code " (at DataProxy.java:57)"}, or empty when no frame of the proxy's code is on the stack. */
    public static String whereInProxy(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith(PROXY_PACKAGE)) {
                return " (at " + frame.getFileName() + ":" + frame.getLineNumber() + ")";
            }
        }
        return "";
    }

    /** The message of the innermost cause (its type when it has none): what actually went wrong. */
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
