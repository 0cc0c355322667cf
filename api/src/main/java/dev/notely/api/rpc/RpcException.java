package dev.notely.api.rpc;

/** A data-proxy call came back with a JSON-RPC error that has no more specific meaning. */
public class RpcException extends RuntimeException {

    private final int code;

    public RpcException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
