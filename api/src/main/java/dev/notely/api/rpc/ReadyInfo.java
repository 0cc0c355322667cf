package dev.notely.api.rpc;

/** What a data proxy answers to {@code Ready}. */
public record ReadyInfo(int version, long pid) {
}
