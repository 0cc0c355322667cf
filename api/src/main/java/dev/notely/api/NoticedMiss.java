package dev.notely.api;

import dev.notely.telemetry.ConsistencyMiss;
import java.time.Instant;
import java.util.UUID;

/**
 * A consistency miss as a simulated user noticed it: the wrong answer, and the request that gave it.
 *
 * @param method the HTTP method of that request
 * @param route  its route, such as {@code /accounts/{id}/notes/{noteId}}
 * @param status the status it answered with
 * @param sent   when the request was sent
 * @param at     when the answer was found wrong
 */
public record NoticedMiss(ConsistencyMiss kind, UUID account, String accountName, UUID note, String detail,
                          String method, String route, int status, Instant sent, Instant at) {
}
