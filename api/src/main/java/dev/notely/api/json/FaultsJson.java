package dev.notely.api.json;

import com.google.gson.JsonObject;
import dev.notely.store.faults.FaultTable;
import dev.notely.store.faults.StoreFault;
import java.util.Map;

/**
 * {@code GET /faults} as JSON: {@code {"faults":{"new":{"latencyMs","jitterMs","errorRate","down","summary"}},
 * "summary"}}, only the stores with a fault listed; {@code summary} is what the dashboard's header says.
 */
public final class FaultsJson {

    private FaultsJson() {
    }

    public static JsonObject toJson(FaultTable table) {
        JsonObject faults = new JsonObject();
        for (Map.Entry<String, StoreFault> entry : table.stores().entrySet()) {
            StoreFault fault = entry.getValue();
            JsonObject store = new JsonObject();
            store.addProperty("latencyMs", fault.latencyMs());
            store.addProperty("jitterMs", fault.jitterMs());
            store.addProperty("errorRate", fault.errorRate());
            store.addProperty("down", fault.down());
            store.addProperty("summary", fault.describe());
            faults.add(entry.getKey(), store);
        }
        JsonObject json = new JsonObject();
        json.add("faults", faults);
        json.addProperty("summary", table.isEmpty() ? "no faults" : table.describe());
        return json;
    }
}
