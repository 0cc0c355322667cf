package dev.notely.telemetry;

/** One line of a metrics table: what was measured, and its figures. */
public record MetricRow<K>(K key, RequestMetrics metrics) {
}
