package dev.notely.api.rpc;

/** JSON-RPC 2.0 error codes used on the data-proxy wire. */
public final class RpcError {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /** The router threw something unexpected (a bug in DataProxy, most likely). */
    public static final int ROUTER_FAILED = -32000;
    /** The account or note does not exist. */
    public static final int NOT_FOUND = -32001;
    /** The note id is taken. */
    public static final int CONFLICT = -32002;
    /** A note store failed. */
    public static final int STORE_FAILED = -32003;

    private RpcError() {
    }
}
