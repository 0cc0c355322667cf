package dev.notely.api.rpc;

import dev.notely.store.KitException;
import dev.notely.wire.ProxyWire.Codes;

/** A data-proxy call came back with a JSON-RPC error that has no more specific meaning. */
public class RpcException extends KitException {

    private final int code;

    public RpcException(int code, String message) {
        super(code == Codes.ROUTER_FAILED ? Kind.ROUTER_FAILED : Kind.WIRE_FAILED, message, null);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
