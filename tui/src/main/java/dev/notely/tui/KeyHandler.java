package dev.notely.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.notely.store.Account;
import dev.notely.store.MigrationStage;
import java.util.List;

/** Turns key presses into changes of the view and into {@link Actions}. */
final class KeyHandler {

    private final ViewState state;
    private final Actions actions;

    KeyHandler(ViewState state, Actions actions) {
        this.state = state;
        this.actions = actions;
    }

    /**
     * @param accounts the accounts as last shown
     * @param pageRows how many rows a page of the current list has, for paging keys
     */
    void handle(KeyStroke key, List<Account> accounts, int pageRows) {
        KeyType type = key.getKeyType();
        Character ch = type == KeyType.Character ? key.getCharacter() : null;
        if (state.faultMenu.isOpen() && !(ch != null && key.isCtrlDown()) && type != KeyType.EOF) {
            state.faultMenu.handle(key).ifPresent(actions::changeFault); // every key is the menu's while it is open
            state.refreshNow = true;
            return;
        }
        if (state.onYes != null) { // a question is open: y does it, any other key leaves everything as it is
            Runnable yes = state.onYes;
            state.onYes = null;
            if (ch != null && (ch == 'y' || ch == 'Y')) {
                yes.run();
            } else {
                state.say("nothing changed", false);
            }
            state.refreshNow = true;
            return;
        }
        if (type == KeyType.Escape || type == KeyType.EOF || ch != null && (ch == 'q' || ch == 'Q' && !key.isCtrlDown())
                || ch != null && key.isCtrlDown() && (ch == 'c' || ch == 'C')) {
            state.quit = true;
            return;
        }
        if (state.page == Page.EXERCISE && ch != null && (ch == 'h' || ch == 'e')) {
            exerciseKey(ch); // on this page h is a hint, not a step left: ← still goes there
        } else if (type == KeyType.ArrowLeft || ch != null && ch == 'h') {
            state.page = state.page.previous();
        } else if (type == KeyType.ArrowRight || ch != null && ch == 'l') {
            state.page = state.page.next();
        } else if (ch != null && ch >= '1' && ch < '1' + Page.values().length) {
            state.page = Page.values()[ch - '1'];
        } else if (ch != null && ch == 'd') {
            actions.deploy();
        } else if (ch != null && ch == 'r') {
            actions.rollback();
        } else if (ch != null && ch == 'z') {
            actions.resetCounters();
        } else if (ch != null && ch == 'v') {
            state.page = Page.VERIFY;
            actions.verify();
        } else if (state.page == Page.ACCOUNTS) {
            accountKey(type, ch, accounts, pageRows);
        } else if (state.page == Page.LOGS) {
            logKey(type, ch, pageRows);
        } else if (state.page == Page.OVERVIEW) {
            overviewKey(type, ch);
        } else if (state.page == Page.MISSES) {
            if (type == KeyType.ArrowUp || ch != null && ch == 'k') {
                state.selectedMiss = Math.max(0, state.selectedMiss - 1);
            } else if (type == KeyType.ArrowDown || ch != null && ch == 'j') {
                state.selectedMiss++; // held to the list's length when drawn
            }
        }
        state.refreshNow = true;
    }

    private void accountKey(KeyType type, Character ch, List<Account> accounts, int pageRows) {
        if (type == KeyType.ArrowUp || ch != null && ch == 'k') {
            state.selectedAccount--;
        } else if (type == KeyType.ArrowDown || ch != null && ch == 'j') {
            state.selectedAccount++;
        } else if (type == KeyType.PageUp || ch != null && ch == 'b') {
            state.selectedAccount -= pageRows;
        } else if (type == KeyType.PageDown || ch != null && ch == 'f') {
            state.selectedAccount += pageRows;
        } else if (ch != null && !accounts.isEmpty()) {
            Account selected = accounts.get(Math.max(0, Math.min(state.selectedAccount, accounts.size() - 1)));
            switch (ch) {
                case 'm' -> actions.toggleMigration(selected);
                case 'M' -> actions.setAllMigrating(!allMigrating(accounts));
                case 's' -> actions.cycleShard(selected);
                case ']' -> {
                    if (intoComplete(selected)) {
                        ask("complete has no way back (legacy is no longer written): y moves " + selected.name()
                                + ", any other key keeps it", () -> actions.moveStage(selected, true));
                    } else {
                        actions.moveStage(selected, true);
                    }
                }
                case '[' -> actions.moveStage(selected, false);
                case '}' -> {
                    long final_ = accounts.stream().filter(KeyHandler::intoComplete).count();
                    if (final_ > 0) {
                        ask("complete has no way back (legacy is no longer written): y moves " + final_
                                + (final_ == 1 ? " account" : " accounts") + " there, any other key keeps them",
                                () -> actions.moveAllStages(true));
                    } else {
                        actions.moveAllStages(true);
                    }
                }
                case '{' -> actions.moveAllStages(false);
                default -> { }
            }
        }
        state.selectedAccount = Math.max(0, Math.min(state.selectedAccount, Math.max(0, accounts.size() - 1)));
    }

    private void overviewKey(KeyType type, Character ch) {
        if (type == KeyType.PageDown || ch != null && ch == 'j') {
            state.tablePage++;
        } else if (type == KeyType.PageUp || ch != null && ch == 'k') {
            state.tablePage--;
        } else if (ch != null && ch == 'x') {
            state.faultMenu.open();
        } else if (ch != null && ch == 't') {
            state.showProxyTable = !state.showProxyTable;
        } else if (ch != null && ch == 'b') {
            actions.toggleBackfill();
        } else if (ch != null && (ch == '+' || ch == '=')) {
            actions.changeBackfillRate(true); // = is + without shift on most keyboards
        } else if (ch != null && ch == '-') {
            actions.changeBackfillRate(false);
        }
        state.tablePage = Math.max(0, Math.min(state.tablePage, state.tablePages - 1));
    }

    private void exerciseKey(char ch) {
        if (ch == 'h') {
            state.hintsShown++;
        } else {
            state.hintsShown = 0;
            actions.nextExercise();
        }
    }

    private void logKey(KeyType type, Character ch, int pageRows) {
        if (type == KeyType.ArrowUp || ch != null && ch == 'k') {
            state.logOffset++;
        } else if (type == KeyType.ArrowDown || ch != null && ch == 'j') {
            state.logOffset--;
        } else if (type == KeyType.PageUp || ch != null && ch == 'b') {
            state.logOffset += pageRows;
        } else if (type == KeyType.PageDown || ch != null && ch == 'f') {
            state.logOffset -= pageRows;
        } else if (type == KeyType.End || ch != null && ch == 'G') {
            state.logOffset = 0;
        }
        state.logOffset = Math.max(0, state.logOffset);
    }

    /** Whether one step forward takes the account to {@code complete}, from where there is no way back. */
    static boolean intoComplete(Account account) {
        return account.stage().next().filter(s -> s == MigrationStage.COMPLETE).isPresent();
    }

    private void ask(String question, Runnable yes) {
        state.onYes = yes;
        state.say(question, true);
    }

    static boolean allMigrating(List<Account> accounts) {
        return !accounts.isEmpty() && accounts.stream().allMatch(Account::isMigrating);
    }

    /** The keys of the current page, for the help line. */
    static String help(Page page, List<Account> accounts) {
        return switch (page) {
            // At most 79 characters: an 80-column terminal must show it whole. The tables' titles say
            // their own keys (j/k for more rows, t for the other table) where they apply.
            case OVERVIEW -> " ←/→ pages · d deploy · r rollback · b backfill +/- · x fault · z zero · q quit";
            case ACCOUNTS -> " ←/→ pages · ↑/↓ select · m/M migrate · s shard · ]/[ stage · }/{ all · q quit";
            case LOGS -> " ←/→ pages · k/j line · b/f page · G end · d deploy · q quit";
            case VERIFY -> " ←/→ pages · v verify the stores again · d deploy · q quit";
            case EXERCISE -> " ←/→ pages · h one more hint · e next exercise · d deploy · q quit";
            case MISSES -> " ←/→ pages · ↑/↓ select a miss · d deploy · z zero · q quit";
        };
    }
}
