package dev.notely.tui;

import dev.notely.store.Account;
import dev.notely.store.MigrationStage;
import java.util.ArrayList;
import java.util.List;

/** Page 2: every account with its migration flag, shard, stage and note count; one is selected. */
final class AccountsPage {

    private AccountsPage() {
    }

    /** Rows of accounts that fit between {@code top} and {@code bottom}, below the title and header. */
    static int visibleRows(int top, int bottom) {
        return Math.max(1, bottom - top - 2);
    }

    static void render(Canvas c, int top, int bottom, DashboardData d, ViewState state) {
        List<Account> accounts = d.accounts();
        long migrating = accounts.stream().filter(Account::isMigrating).count();
        long inSecond = accounts.stream().filter(a -> "second".equals(a.shard())).count();
        long inNew = accounts.stream().filter(a -> "new".equals(a.shard())).count();
        c.title(1, top, "Accounts  " + accounts.size() + " total · " + migrating + " migrating · shard new " + inNew
                + " · second " + inSecond + " · none " + (accounts.size() - inNew - inSecond), c.width - 2);
        if (accounts.isEmpty()) {
            c.text(1, top + 1, "no accounts yet: start with --gen, or POST /accounts", c.width - 2, c.theme.dim);
            return;
        }
        int visible = visibleRows(top, bottom);
        clampSelection(state, accounts.size(), visible);
        boolean fullIds = c.width >= 100;
        List<Table.Column> columns = List.of(
                Table.Column.text("id", fullIds ? 36 : 8, 0), Table.Column.flex("name", 10, 32),
                Table.Column.text("migrating", 9, 1), Table.Column.text("shard", 6, 1),
                Table.Column.text("stage", 10, 1), Table.Column.number("notes", 5, 2));
        List<Table.Row> rows = new ArrayList<>();
        for (int i = state.accountScroll; i < Math.min(accounts.size(), state.accountScroll + visible); i++) {
            Account a = accounts.get(i);
            String id = fullIds ? a.id().toString() : a.id().toString().substring(0, 8);
            rows.add(new Table.Row(List.of(id, a.name(), a.isMigrating() ? "yes" : "no",
                    a.shard() == null ? "—" : a.shard(), a.stage().label(), d.noteCounts().getOrDefault(a.id(), "…")),
                    a.isMigrating() || a.stage() != MigrationStage.OFF ? c.theme.warn : c.theme.text,
                    i == state.selectedAccount));
        }
        Table.draw(c, 1, top + 1, c.width - 2, visible + 1, columns, rows);
        if (accounts.size() > visible) {
            c.text(c.width - 24, top, " " + (state.selectedAccount + 1) + " of " + accounts.size() + " ", 23, c.theme.dim);
        }
    }

    /** Keeps the selection on an existing account and scrolled into view. */
    static void clampSelection(ViewState state, int count, int visible) {
        state.selectedAccount = Math.max(0, Math.min(state.selectedAccount, count - 1));
        if (state.selectedAccount < state.accountScroll) {
            state.accountScroll = state.selectedAccount;
        } else if (state.selectedAccount >= state.accountScroll + visible) {
            state.accountScroll = state.selectedAccount - visible + 1;
        }
        state.accountScroll = Math.max(0, Math.min(state.accountScroll, Math.max(0, count - visible)));
    }
}
