package dev.notely.api;

import dev.notely.store.Account;
import dev.notely.store.AccountStore;
import dev.notely.store.ConflictException;
import dev.notely.store.MigrationStage;
import dev.notely.store.NotFoundException;
import java.util.Optional;
import java.util.UUID;

/**
 * Moves accounts between exercise 3's stages, for the REST API and the dashboard alike: one stage at a
 * time, back from any stage but {@code complete}, forward only through the gates. A refused move names
 * its reason, so the attendee knows what to do first.
 */
public final class StageMoves {

    /** Decides whether an account may move forward into a stage; the kit's backfill and verification answer it. */
    @FunctionalInterface
    public interface Gate {
        /** Why {@code account} may not move forward to {@code to} yet ("backfill 40 %"); empty when it may. */
        Optional<String> refusal(Account account, MigrationStage to);
    }

    private final AccountStore accounts;
    private final Gate gate;

    public StageMoves(AccountStore accounts, Gate gate) {
        this.accounts = accounts;
        this.gate = gate;
    }

    /**
     * Moves the account to {@code to} and returns it as stored.
     *
     * @throws NotFoundException when there is no such account
     * @throws ConflictException naming the reason when the move is not allowed: more than one stage away,
     *                           back from {@code complete}, or a gate that is not open
     */
    public Account move(UUID accountId, MigrationStage to) {
        Account current = accounts.getAccount(accountId)
                .orElseThrow(() -> new NotFoundException("account " + accountId + " not found"));
        MigrationStage from = current.stage();
        if (to == from) {
            return current;
        }
        if (from.previous().equals(Optional.of(to))) {
            return save(current.withStage(to));
        }
        if (!from.next().equals(Optional.of(to))) {
            throw new ConflictException(from == MigrationStage.COMPLETE
                    ? current.name() + " is complete: there is no way back from complete"
                    : current.name() + " is at " + from + ": move one stage at a time, to "
                            + from.next().map(MigrationStage::label).orElse("-")
                            + from.previous().map(p -> " or back to " + p.label()).orElse(""));
        }
        Optional<String> refusal = gate.refusal(current, to);
        if (refusal.isPresent()) {
            throw new ConflictException(current.name() + " cannot move to " + to + " yet: " + refusal.get());
        }
        return save(current.withStage(to));
    }

    /**
     * Moves the account one stage forward or back.
     *
     * @throws ConflictException when it is at the end in that direction, or as {@link #move}
     */
    public Account step(UUID accountId, boolean forward) {
        Account current = accounts.getAccount(accountId)
                .orElseThrow(() -> new NotFoundException("account " + accountId + " not found"));
        Optional<MigrationStage> to = forward ? current.stage().next() : current.stage().previous();
        return move(accountId, to.orElseThrow(() -> new ConflictException(current.name() + " is at " + current.stage()
                + (forward ? ": the last stage" : current.stage() == MigrationStage.COMPLETE
                        ? ": there is no way back from complete" : ": the first stage"))));
    }

    private Account save(Account account) {
        accounts.updateAccount(account);
        return account;
    }
}
