package dev.notely.tui;

import dev.notely.api.DeploymentState;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the person at the keyboard has chosen: the page, the selected account, how far the log is
 * scrolled, and the last message. Only the UI thread changes it, except the message and the
 * deploying flag, which background actions set when they finish.
 */
final class ViewState {

    /**
     * Feedback on the last action; {@code holds} says whether it is still true of the deployment shown,
     * so a message about a rollout goes when the rollout does.
     */
    record Message(String text, boolean error, Predicate<DeploymentState> holds) {
        static final Message NONE = new Message("", false, d -> false);
    }

    Page page = Page.OVERVIEW;
    int selectedAccount;
    int accountScroll;
    /** Lines scrolled up from the end of the log; 0 follows new lines. */
    int logOffset;
    /** The miss whose timeline the misses page shows, by its place in the list (newest first). */
    int selectedMiss;
    boolean quit;
    /** What {@code y} does, while the status line asks about a step that cannot be undone; null when nothing is asked. */
    Runnable onYes;
    /** The version the last {@code r} left serving alone; 0 once something else was deployed. */
    volatile int rolledBackTo;
    /** Which page of each overview table is shown (each stops at its last page). */
    int tablePage;
    /** Pages of the longest overview table, as last drawn. */
    int tablePages = 1;
    /** On a narrow overview, the proxy table instead of the store table. */
    boolean showProxyTable;
    /** The overview's {@code x} menu for store faults, while it is open. */
    final FaultMenu faultMenu = new FaultMenu();
    volatile boolean deploying;
    /** Hint steps shown on the exercise page; {@code h} shows one more. */
    int hintsShown;
    private volatile Message message = Message.NONE;
    volatile boolean refreshNow = true;

    void say(String text, boolean error) {
        sayWhile(text, error, d -> true);
    }

    /** A message shown only while {@code holds} is true of the deployment on screen. */
    void sayWhile(String text, boolean error, Predicate<DeploymentState> holds) {
        message = new Message(text, error, holds);
        refreshNow = true;
    }

    /** The message to show with {@code deployment} on screen, if any. */
    Optional<Message> message(DeploymentState deployment) {
        Message m = message;
        return m.text().isEmpty() || !m.holds().test(deployment) ? Optional.empty() : Optional.of(m);
    }
}
