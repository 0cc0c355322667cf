package dev.notely.api.json;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.notely.api.VerificationReport;
import dev.notely.api.VerificationReport.AccountResult;
import dev.notely.api.VerificationReport.Difference;
import dev.notely.api.VerificationReport.Kind;
import dev.notely.api.VerificationReport.KindCount;
import dev.notely.api.VerificationReport.Summary;
import dev.notely.wire.Json;
import java.util.List;

/**
 * A verification report as JSON, for {@code GET /verify} and {@code --verify --json}:
 * <pre>{@code
 * {"clean": false, "startedAt": "...", "tookMillis": 412, "stores": ["legacy", "new", "second"],
 *  "summary": {"accountsChecked", "accountsClean", "accountsWithDifferences", "accountsWithoutRow",
 *              "notesChecked", "notesExpected", "notesUnexpected", "notesSettled",
 *              "kinds": [{"kind": "onlyIn", "store": "legacy", "label": "only in legacy", "expected", "unexpected"}, ...],
 *              "worstAccounts": [{"accountId", "name", "unexpected"}, ...]},
 *  "accounts": [{"accountId", "name", "isMigrating", "shard", "home", "accountRow", "notes", "unexpected",
 *                "kinds": [...], "differences": [{"noteId", "kind", "store", "copies": {"legacy": "2025-..."}, "reason"}]}]}
 * }</pre>
 * Kinds are {@code onlyIn} (with its {@code store}), {@code sameVersion} and {@code differentVersions}.
 */
public final class VerificationJson {

    private VerificationJson() {
    }

    public static JsonObject toJson(VerificationReport report) {
        JsonObject json = new JsonObject();
        json.addProperty("clean", report.clean());
        json.addProperty("startedAt", Json.formatInstant(report.startedAt()));
        json.addProperty("tookMillis", report.took().toMillis());
        JsonArray stores = new JsonArray();
        report.stores().forEach(stores::add);
        json.add("stores", stores);
        json.add("summary", summary(report.summary()));
        JsonArray accounts = new JsonArray();
        report.accounts().forEach(a -> accounts.add(account(a)));
        json.add("accounts", accounts);
        return json;
    }

    private static JsonObject summary(Summary s) {
        JsonObject json = new JsonObject();
        json.addProperty("accountsChecked", s.accountsChecked());
        json.addProperty("accountsClean", s.accountsClean());
        json.addProperty("accountsWithDifferences", s.accountsWithDifferences());
        json.addProperty("accountsWithoutRow", s.accountsWithoutRow());
        json.addProperty("notesChecked", s.notesChecked());
        json.addProperty("notesExpected", s.notesExpected());
        json.addProperty("notesUnexpected", s.notesUnexpected());
        json.addProperty("notesSettled", s.notesSettled());
        json.add("kinds", kinds(s.kinds()));
        JsonArray worst = new JsonArray();
        for (AccountResult a : s.worst()) {
            JsonObject row = new JsonObject();
            row.addProperty("accountId", a.accountId().toString());
            a.account().ifPresent(account -> row.addProperty("name", account.name()));
            row.addProperty("unexpected", a.unexpected());
            worst.add(row);
        }
        json.add("worstAccounts", worst);
        return json;
    }

    private static JsonObject account(AccountResult a) {
        JsonObject json = new JsonObject();
        json.addProperty("accountId", a.accountId().toString());
        json.addProperty("accountRow", a.account().isPresent());
        a.account().ifPresent(account -> {
            json.addProperty("name", account.name());
            json.addProperty("isMigrating", account.isMigrating());
            if (account.shard() != null) {
                json.addProperty("shard", account.shard());
            }
        });
        a.home().ifPresent(home -> json.addProperty("home", home));
        json.addProperty("notes", a.notes());
        json.addProperty("unexpected", a.unexpected());
        json.add("kinds", kinds(a.kinds()));
        JsonArray differences = new JsonArray();
        for (Difference d : a.differences()) {
            JsonObject row = new JsonObject();
            row.addProperty("noteId", d.noteId().toString());
            addKind(row, d.kind());
            JsonObject copies = new JsonObject();
            d.copies().forEach((store, updatedAt) -> copies.addProperty(store, Json.formatInstant(updatedAt)));
            row.add("copies", copies);
            row.addProperty("reason", d.reason());
            differences.add(row);
        }
        json.add("differences", differences);
        return json;
    }

    private static JsonArray kinds(List<KindCount> counts) {
        JsonArray kinds = new JsonArray();
        for (KindCount count : counts) {
            JsonObject row = new JsonObject();
            addKind(row, count.kind());
            row.addProperty("label", count.kind().label());
            row.addProperty("expected", count.expected());
            row.addProperty("unexpected", count.unexpected());
            kinds.add(row);
        }
        return kinds;
    }

    private static void addKind(JsonObject row, Kind kind) {
        row.addProperty("kind", code(kind));
        kind.store().ifPresent(store -> row.addProperty("store", store));
    }

    /** {@code onlyIn}, {@code sameVersion}, {@code differentVersions}. */
    static String code(Kind kind) {
        return switch (kind.spread()) {
            case ONE_STORE -> "onlyIn";
            case SAME_VERSION -> "sameVersion";
            case DIFFERENT_VERSIONS -> "differentVersions";
        };
    }

}
