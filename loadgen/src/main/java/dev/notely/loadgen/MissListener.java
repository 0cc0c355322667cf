package dev.notely.loadgen;

import dev.notely.telemetry.ConsistencyMiss;
import java.time.Instant;
import java.util.UUID;

/** Told about every consistency miss a simulated user notices. */
interface MissListener {

    /**
     * @param seenBy the request that gave the wrong answer ({@code READ}, {@code UPDATE} or {@code LIST})
     * @param status the HTTP status it answered with
     * @param sent   when that request was sent
     */
    void miss(ConsistencyMiss kind, SimulatedAccount account, UUID noteId, String detail, Operation seenBy, int status,
              Instant sent);
}
