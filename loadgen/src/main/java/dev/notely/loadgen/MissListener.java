package dev.notely.loadgen;

import dev.notely.telemetry.ConsistencyMiss;
import java.util.UUID;

/** Told about every consistency miss a simulated user notices. */
interface MissListener {

    void miss(ConsistencyMiss kind, SimulatedAccount account, UUID noteId, String detail);
}
