package dev.notely.store;

/**
 * Describes an exception thrown by a router so a person can find it: its type, its message and the
 * first line of the proxy's own code ({@code dev.notely.proxy}) it came through.
 */
public final class RouterErrors {

    private static final String PROXY_PACKAGE = "dev.notely.proxy.";

    private RouterErrors() {
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
}
