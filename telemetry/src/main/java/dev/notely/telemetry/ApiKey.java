package dev.notely.telemetry;

/** Key of an API request metric: HTTP method, route pattern and response status. */
public record ApiKey(String method, String route, int status) {
}
