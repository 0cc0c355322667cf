package dev.notely.telemetry;

/** Key of a data-proxy access metric: RPC operation, outcome and the proxy version that served it. */
public record ProxyKey(String operation, Status status, int version) {
}
