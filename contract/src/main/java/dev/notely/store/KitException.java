package dev.notely.store;

/**
 * The kit's errors that have a meaning for a caller: each kind knows the HTTP status the REST API answers
 * with and the JSON-RPC error code the proxy wire carries, so both are mapped in one place and a
 * failure crosses the wire as the same kind it started as. Messages say what happened and what to do.
 */
public abstract class KitException extends RuntimeException {

    /** What went wrong, with its HTTP status and its JSON-RPC code. */
    public enum Kind {
        /** The request is malformed or a value is out of range. */
        INVALID(400, -32602),
        /** The account or note asked for does not exist. */
        NOT_FOUND(404, -32001),
        /** The request clashes with what exists, such as a note id that is taken. */
        CONFLICT(409, -32002),
        /** A data store failed; it may work again later. */
        STORE_FAILED(503, -32003),
        /** No data proxy can take the call right now. */
        UNAVAILABLE(503, -32603),
        /** The attendee's DataProxy threw something unexpected. */
        ROUTER_FAILED(500, -32000),
        /** A deployment failed (a compile error, a proxy that did not start). */
        DEPLOYMENT_FAILED(500, -32603),
        /** A data proxy answered in a way the app cannot use. */
        WIRE_FAILED(500, -32603);

        private final int httpStatus;
        private final int rpcCode;

        Kind(int httpStatus, int rpcCode) {
            this.httpStatus = httpStatus;
            this.rpcCode = rpcCode;
        }

        public int httpStatus() {
            return httpStatus;
        }

        public int rpcCode() {
            return rpcCode;
        }
    }

    private final Kind kind;

    protected KitException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public int httpStatus() {
        return kind.httpStatus();
    }

    public int rpcCode() {
        return kind.rpcCode();
    }
}
