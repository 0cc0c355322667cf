package dev.notely.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.reflect.TypeToken;
import dev.notely.store.AccountDetails;
import dev.notely.store.BackfillResult;
import dev.notely.store.InvalidInputException;
import dev.notely.store.Note;
import dev.notely.wire.ProxyWire.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Every routed method of the proxy wire, each with its codec ({@link RoutedCall}): its parameters as JSON
 * and back, the router call, its result as JSON and back. Note methods take
 * {@code {"accountDetails": {...}, ...}}; times travel as epoch milliseconds.
 */
public final class RoutedCalls {

    /** The account a note call is about. */
    public record OnAccount(AccountDetails account) {
    }

    /** One note of the account, by id. */
    public record OnNote(AccountDetails account, UUID noteId) {
    }

    /** A note to write for the account; its creator must be the account. */
    public record WithNote(AccountDetails account, Note note) {
    }

    /** One page of the account's backfill: after this note id (empty for the first page), at most {@code limit} notes. */
    public record Page(AccountDetails account, Optional<UUID> after, int limit) {
    }

    /** A new account, to be given a shard or none. */
    public record NewAccount(UUID accountId) {
    }

    /** No parameters. */
    public record Nothing() {
        public static final Nothing NOTHING = new Nothing();
    }

    private static final Type UUID_LIST = new TypeToken<List<UUID>>() { }.getType();

    public static final RoutedCall<OnAccount, List<UUID>> LIST_NOTES = new RoutedCall<>(Method.LIST_NOTES,
            p -> account(p.account()),
            params -> new OnAccount(params.accountDetails()),
            (router, p) -> router.listNotes(p.account()),
            Json.WIRE::toJsonTree,
            result -> Json.WIRE.fromJson(result, UUID_LIST));

    public static final RoutedCall<OnNote, Optional<Note>> GET_NOTE = new RoutedCall<>(Method.GET_NOTE,
            p -> noteId(p.account(), p.noteId()),
            params -> new OnNote(params.accountDetails(), params.uuid("noteId")),
            (router, p) -> router.getNote(p.account(), p.noteId()),
            note -> note.<JsonElement>map(Json.WIRE::toJsonTree).orElse(JsonNull.INSTANCE),
            result -> result.isJsonNull() ? Optional.empty() : Optional.of(Json.WIRE.fromJson(result, Note.class)));

    public static final RoutedCall<WithNote, Void> CREATE_NOTE = new RoutedCall<>(Method.CREATE_NOTE,
            RoutedCalls::writeNote,
            RoutedCalls::readNote,
            (router, p) -> {
                router.createNote(p.account(), p.note());
                return null;
            },
            none -> JsonNull.INSTANCE,
            result -> null);

    public static final RoutedCall<WithNote, Boolean> UPDATE_NOTE = new RoutedCall<>(Method.UPDATE_NOTE,
            RoutedCalls::writeNote,
            RoutedCalls::readNote,
            (router, p) -> router.updateNote(p.account(), p.note()),
            JsonPrimitive::new,
            JsonElement::getAsBoolean);

    public static final RoutedCall<OnNote, Void> DELETE_NOTE = new RoutedCall<>(Method.DELETE_NOTE,
            p -> noteId(p.account(), p.noteId()),
            params -> new OnNote(params.accountDetails(), params.uuid("noteId")),
            (router, p) -> {
                router.deleteNote(p.account(), p.noteId());
                return null;
            },
            none -> JsonNull.INSTANCE,
            result -> null);

    public static final RoutedCall<OnAccount, Long> COUNT_NOTES = new RoutedCall<>(Method.COUNT_NOTES,
            p -> account(p.account()),
            params -> new OnAccount(params.accountDetails()),
            (router, p) -> router.countNotes(p.account()),
            JsonPrimitive::new,
            JsonElement::getAsLong);

    public static final RoutedCall<Nothing, Long> TOTAL_NOTES = new RoutedCall<>(Method.TOTAL_NOTES,
            p -> new JsonObject(),
            params -> Nothing.NOTHING,
            (router, p) -> router.totalNotes(),
            JsonPrimitive::new,
            JsonElement::getAsLong);

    public static final RoutedCall<NewAccount, Optional<String>> ASSIGN_SHARD = new RoutedCall<>(Method.ASSIGN_SHARD,
            p -> {
                JsonObject params = new JsonObject();
                params.addProperty("accountId", p.accountId().toString());
                return params;
            },
            params -> new NewAccount(params.uuid("accountId")),
            (router, p) -> router.assignShard(p.accountId()),
            shard -> shard.<JsonElement>map(JsonPrimitive::new).orElse(JsonNull.INSTANCE),
            result -> result.isJsonNull() ? Optional.empty() : Optional.of(result.getAsString()));

    public static final RoutedCall<Nothing, Void> HEALTH_CHECK = new RoutedCall<>(Method.HEALTH_CHECK,
            p -> new JsonObject(),
            params -> Nothing.NOTHING,
            (router, p) -> {
                router.healthCheck();
                return null;
            },
            none -> new JsonPrimitive("ok"),
            result -> null);

    /**
     * Params {@code accountDetails}, {@code after} (a note id, or null for the account's first page) and
     * {@code limit} (1 to {@link ProxyWire#MAX_BACKFILL_PAGE}); result {@code {"moved": N, "next": id or null}},
     * null meaning the account is done. A proxy whose router has no backfill of its own does not call it: it
     * answers {@link ProxyWire.Codes#NOT_IMPLEMENTED} (see {@link dev.notely.store.RouterFeatures#hasBackfill}).
     */
    public static final RoutedCall<Page, BackfillResult> BACKFILL = new RoutedCall<>(Method.BACKFILL,
            p -> {
                JsonObject params = account(p.account());
                params.addProperty("after", p.after().map(UUID::toString).orElse(null));
                params.addProperty("limit", p.limit());
                return params;
            },
            params -> new Page(params.accountDetails(), params.optionalUuid("after"),
                    params.wholeNumber("limit", 1, ProxyWire.MAX_BACKFILL_PAGE)),
            (router, p) -> {
                BackfillResult result = router.backfill(p.account(), p.after(), p.limit());
                if (result == null) {
                    throw new IllegalStateException("DataProxy.backfill returned null: return a BackfillResult, "
                            + "e.g. BackfillResult.done(0) when the account has nothing to bring");
                }
                return result;
            },
            result -> {
                JsonObject json = new JsonObject();
                json.addProperty("moved", result.moved());
                json.add("next", result.nextPage().<JsonElement>map(next -> new JsonPrimitive(next.toString()))
                        .orElse(JsonNull.INSTANCE));
                return json;
            },
            result -> {
                JsonObject page = result.getAsJsonObject();
                JsonElement next = page.get("next");
                return new BackfillResult(page.get("moved").getAsInt(),
                        next == null || next.isJsonNull() ? null : UUID.fromString(next.getAsString()));
            });

    private static final Map<Method, RoutedCall<?, ?>> BY_METHOD = byMethod(LIST_NOTES, GET_NOTE, CREATE_NOTE,
            UPDATE_NOTE, DELETE_NOTE, COUNT_NOTES, TOTAL_NOTES, ASSIGN_SHARD, HEALTH_CHECK, BACKFILL);

    private RoutedCalls() {
    }

    /** The codec of a routed method. @throws IllegalArgumentException for a control method */
    public static RoutedCall<?, ?> of(Method method) {
        RoutedCall<?, ?> call = BY_METHOD.get(method);
        if (call == null) {
            throw new IllegalArgumentException(method + " is not a routed method");
        }
        return call;
    }

    private static Map<Method, RoutedCall<?, ?>> byMethod(RoutedCall<?, ?>... calls) {
        Map<Method, RoutedCall<?, ?>> map = new EnumMap<>(Method.class);
        for (RoutedCall<?, ?> call : calls) {
            map.put(call.method(), call);
        }
        List<Method> missing = Arrays.stream(Method.values()).filter(m -> m.routed() && !map.containsKey(m)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("routed methods without a codec: " + missing);
        }
        return map;
    }

    private static JsonObject account(AccountDetails account) {
        JsonObject params = new JsonObject();
        params.add("accountDetails", Json.WIRE.toJsonTree(account));
        return params;
    }

    private static JsonObject noteId(AccountDetails account, UUID noteId) {
        JsonObject params = account(account);
        params.addProperty("noteId", noteId.toString());
        return params;
    }

    private static JsonObject writeNote(WithNote p) {
        JsonObject params = account(p.account());
        params.add("note", Json.WIRE.toJsonTree(p.note()));
        return params;
    }

    private static WithNote readNote(Params params) {
        AccountDetails account = params.accountDetails();
        Note note = params.note();
        if (!note.creator().equals(account.accountId())) {
            throw new InvalidInputException("params.note.creator must be the account " + account.accountId());
        }
        return new WithNote(account, note);
    }
}
