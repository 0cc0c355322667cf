package dev.notely.tui;

/**
 * What the person at the keyboard has chosen: the page, the selected account, how far the log is
 * scrolled, and the last message. Only the UI thread changes it, except the message and the
 * deploying flag, which background actions set when they finish.
 */
final class ViewState {

    Page page = Page.OVERVIEW;
    int selectedAccount;
    int accountScroll;
    /** Lines scrolled up from the end of the log; 0 follows new lines. */
    int logOffset;
    boolean quit;
    volatile boolean deploying;
    volatile String message = "";
    volatile boolean messageIsError;
    volatile boolean refreshNow = true;

    void say(String text, boolean error) {
        message = text;
        messageIsError = error;
        refreshNow = true;
    }
}
