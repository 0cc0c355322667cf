package dev.notely.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.notely.store.NoteRouter;
import dev.notely.wire.ProxyWire.Method;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One routed method of the proxy wire, spelled out once for both sides: how the app writes its
 * parameters and reads its result, how the proxy reads the parameters and which router call it makes
 * with them, and how it writes the answer. The app's client and the proxy's server both go through it,
 * so the two halves cannot drift apart. The methods themselves are in {@link RoutedCalls}.
 *
 * @param <P> the call's parameters
 * @param <R> what the router answers
 */
public final class RoutedCall<P, R> {

    private final Method method;
    private final Function<P, JsonObject> writeParams;
    private final Function<Params, P> readParams;
    private final BiFunction<NoteRouter, P, R> invoke;
    private final Function<R, JsonElement> writeResult;
    private final Function<JsonElement, R> readResult;

    RoutedCall(Method method, Function<P, JsonObject> writeParams, Function<Params, P> readParams,
               BiFunction<NoteRouter, P, R> invoke, Function<R, JsonElement> writeResult,
               Function<JsonElement, R> readResult) {
        if (!method.routed()) {
            throw new IllegalArgumentException(method + " is a control method, not a routed one");
        }
        this.method = method;
        this.writeParams = writeParams;
        this.readParams = readParams;
        this.invoke = invoke;
        this.writeResult = writeResult;
        this.readResult = readResult;
    }

    public Method method() {
        return method;
    }

    /** The app's side: the JSON-RPC params of a call. */
    public JsonObject params(P params) {
        return writeParams.apply(params);
    }

    /**
     * The proxy's side: the parameters read back, checked as far as the wire can check them.
     *
     * @throws dev.notely.store.InvalidInputException naming the field that is wrong
     */
    public P read(JsonObject params) {
        return readParams.apply(new Params(params));
    }

    /** The proxy's side: the router's answer to the call, as the JSON-RPC result. */
    public JsonElement answer(NoteRouter router, P params) {
        return writeResult.apply(invoke.apply(router, params));
    }

    /**
     * The app's side: the router's answer read back from the JSON-RPC result.
     *
     * @throws RuntimeException (a Gson or JSON-shape exception) when the result is not what the method answers
     */
    public R result(JsonElement result) {
        return readResult.apply(result);
    }

    @Override
    public String toString() {
        return method.wireName();
    }
}
