package dev.notely.api.rest;

import dev.notely.store.InvalidInputException;
import dev.notely.store.Account;
import dev.notely.store.NotFoundException;
import dev.notely.store.Note;
import dev.notely.wire.Limits;
import dev.notely.store.NoteRouter;
import io.undertow.server.HttpServerExchange;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code /accounts/{accountId}/notes[/{noteId}]}. Every call looks the account up first, so a change
 * to its migration flag or shard takes effect on its very next request.
 */
final class NotesHandler {

    private final AccountsHandler accounts;
    private final NoteRouter router;

    NotesHandler(AccountsHandler accounts, NoteRouter router) {
        this.accounts = accounts;
        this.router = router;
    }

    void list(HttpServerExchange exchange) {
        Account account = account(exchange);
        Exchanges.json(exchange, 200, router.listNotes(account.details()));
    }

    void get(HttpServerExchange exchange) {
        Account account = account(exchange);
        UUID noteId = Paths.uuidParam(exchange, "noteId");
        Note note = router.getNote(account.details(), noteId).orElseThrow(() -> notFound(noteId));
        Exchanges.json(exchange, 200, note);
    }

    void create(HttpServerExchange exchange) {
        Account account = account(exchange);
        JsonBody body = Exchanges.body(exchange);
        String content = validContent(body);
        requireCreator(body, account);
        Instant now = Instant.now();
        Instant createdAt = body.instant("createdAt").orElse(now);
        Note note = new Note(body.uuid("id").orElseGet(UUID::randomUUID), account.id(), createdAt,
                body.instant("updatedAt").orElse(createdAt), content);
        router.createNote(account.details(), note);
        Exchanges.json(exchange, 201, note);
    }

    void update(HttpServerExchange exchange) {
        Account account = account(exchange);
        UUID noteId = Paths.uuidParam(exchange, "noteId");
        JsonBody body = Exchanges.body(exchange);
        String content = validContent(body);
        requireCreator(body, account);
        if (body.has("id") && !body.uuid("id").map(noteId::equals).orElse(true)) {
            throw new InvalidInputException("id in the body does not match the path");
        }
        Instant updatedAt = body.instant("updatedAt").orElseGet(Instant::now);
        // A migration may copy the note to another store, which needs its creation time.
        Instant createdAt = body.instant("createdAt").orElseGet(() ->
                router.getNote(account.details(), noteId).orElseThrow(() -> notFound(noteId)).createdAt());
        Note note = new Note(noteId, account.id(), createdAt, updatedAt, content);
        if (!router.updateNote(account.details(), note)) {
            throw notFound(noteId);
        }
        // Last write wins: an older update changes nothing, so answer with what is stored, not the request.
        Note stored = router.getNote(account.details(), noteId).orElseThrow(() -> notFound(noteId));
        Exchanges.json(exchange, 200, stored);
    }

    void delete(HttpServerExchange exchange) {
        Account account = account(exchange);
        router.deleteNote(account.details(), Paths.uuidParam(exchange, "noteId"));
        Exchanges.noContent(exchange);
    }

    private Account account(HttpServerExchange exchange) {
        return accounts.find(Paths.uuidParam(exchange, "accountId"));
    }

    private static String validContent(JsonBody body) {
        String content = body.string("content").orElseThrow(() -> new InvalidInputException("content is required"));
        return Limits.content("content", content);
    }

    private static void requireCreator(JsonBody body, Account account) {
        if (body.has("creator") && !body.uuid("creator").map(account.id()::equals).orElse(true)) {
            throw new InvalidInputException("creator must be the account in the path, " + account.id());
        }
    }

    private static NotFoundException notFound(UUID noteId) {
        return new NotFoundException("note " + noteId + " not found");
    }
}
