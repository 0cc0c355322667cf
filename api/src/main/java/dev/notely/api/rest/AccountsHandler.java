package dev.notely.api.rest;

import dev.notely.api.StageMoves;
import dev.notely.store.InvalidInputException;
import dev.notely.store.MigrationStage;
import dev.notely.api.rpc.RpcException;
import dev.notely.wire.ProxyWire;
import dev.notely.store.Account;
import dev.notely.store.AccountStore;
import dev.notely.store.NotFoundException;
import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStores;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;
import java.util.UUID;

/** {@code /accounts} and {@code /accounts/{accountId}}. */
final class AccountsHandler {

    static final int MAX_NAME_LENGTH = 100;

    private final AccountStore accounts;
    private final NoteRouter router;
    private final StageMoves stages;

    AccountsHandler(AccountStore accounts, NoteRouter router, StageMoves stages) {
        this.accounts = accounts;
        this.router = router;
        this.stages = stages;
    }

    void list(HttpServerExchange exchange) {
        Exchanges.json(exchange, 200, accounts.listAccounts());
    }

    void get(HttpServerExchange exchange) {
        Exchanges.json(exchange, 200, find(Paths.uuidParam(exchange, "accountId")));
    }

    void create(HttpServerExchange exchange) {
        JsonBody body = Exchanges.body(exchange);
        String name = validName(body.string("name").orElseThrow(() -> new InvalidInputException("name is required")));
        UUID id = body.uuid("id").orElseGet(UUID::randomUUID);
        boolean migrating = body.bool("isMigrating").orElse(false);
        Optional<String> shard = body.string("shard").map(AccountsHandler::validShard);
        // The data proxy decides where a new account lives, unless the caller already did.
        String assigned = shard.or(() -> router.assignShard(id).map(AccountsHandler::validAssignedShard)).orElse(null);
        Account account = new Account(id, name, migrating, assigned);
        accounts.createAccount(account);
        Exchanges.json(exchange, 201, account);
    }

    void update(HttpServerExchange exchange) {
        UUID id = Paths.uuidParam(exchange, "accountId");
        JsonBody body = Exchanges.body(exchange);
        Optional<String> name = body.string("name").map(AccountsHandler::validName);
        Optional<Boolean> migrating = body.bool("isMigrating");
        Optional<String> shard = body.string("shard").map(AccountsHandler::validShard);
        if (body.has("id") && !body.uuid("id").map(id::equals).orElse(true)) {
            throw new InvalidInputException("id in the body does not match the path");
        }
        if (body.has("stage") && body.string("stage").isEmpty()) {
            // null would otherwise read as "no stage given" and answer 200 having moved nothing
            throw new InvalidInputException("stage must be one of " + java.util.Arrays.stream(MigrationStage.values())
                    .map(MigrationStage::label).collect(java.util.stream.Collectors.joining(", ")) + ", not null");
        }
        Optional<MigrationStage> stage = body.string("stage").map(AccountsHandler::validStage);
        Account current = find(id);
        if (stage.isPresent()) {
            // The stage first: a refused move (409) changes nothing else either.
            current = stages.move(id, stage.get());
        }
        Account updated = new Account(id, name.orElse(current.name()), migrating.orElse(current.isMigrating()),
                body.has("shard") ? shard.orElse(null) : current.shard(), current.stage());
        accounts.updateAccount(updated);
        Exchanges.json(exchange, 200, updated);
    }

    Account find(UUID id) {
        return accounts.getAccount(id).orElseThrow(() -> new NotFoundException("account " + id + " not found"));
    }

    private static String validName(String name) {
        if (name.isBlank()) {
            throw new InvalidInputException("name must not be blank");
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            throw new InvalidInputException("name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        return name;
    }

    private static MigrationStage validStage(String label) {
        try {
            return MigrationStage.parse(label);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    private static String validShard(String shard) {
        if (!NoteStores.SHARDS.contains(shard)) {
            throw new InvalidInputException("shard '" + shard + "' is not one of " + String.join(", ", NoteStores.SHARDS));
        }
        return shard;
    }

    private static String validAssignedShard(String shard) {
        if (!NoteStores.SHARDS.contains(shard)) {
            // A bug in DataProxy, told as one so the attendee sees it (500 with this message, not "internal error").
            throw new RpcException(ProxyWire.Codes.ROUTER_FAILED, "DataProxy.assignShard returned '" + shard
                    + "', which is not one of " + String.join(", ", NoteStores.SHARDS));
        }
        return shard;
    }
}
