package dev.notely.telemetry;

/** Key of a data-store access metric: store operation, outcome and store name. */
public record StoreKey(String operation, Status status, String store) {
}
