package dev.notely.api.rpc;

import java.util.Arrays;
import java.util.Optional;

/** The methods a data proxy answers. Note methods take {@code {"accountDetails": {...}, ...}}. */
public enum RpcMethod {
    LIST_NOTES("ListNotes", true),
    GET_NOTE("GetNote", true),
    CREATE_NOTE("CreateNote", true),
    UPDATE_NOTE("UpdateNote", true),
    DELETE_NOTE("DeleteNote", true),
    COUNT_NOTES("CountNotes", true),
    TOTAL_NOTES("TotalNotes", true),
    ASSIGN_SHARD("AssignShard", true),
    HEALTH_CHECK("HealthCheck", true),
    /** Control: answers once the proxy serves, with its version and pid. */
    READY("Ready", false),
    /** Control: the proxy's own telemetry, for the app to import. */
    EXPORT_STATS("ExportStats", false);

    private final String wireName;
    private final boolean routed;

    RpcMethod(String wireName, boolean routed) {
        this.wireName = wireName;
        this.routed = routed;
    }

    /** The method name on the wire, such as {@code GetNote}. */
    public String wireName() {
        return wireName;
    }

    /** Whether the call reaches the router (and so takes the lock and the simulated latency). */
    boolean routed() {
        return routed;
    }

    static Optional<RpcMethod> byWireName(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }
}
