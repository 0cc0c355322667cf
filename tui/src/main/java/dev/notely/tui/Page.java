package dev.notely.tui;

/** The dashboard's pages, in tab order. */
enum Page {
    OVERVIEW("Overview"), ACCOUNTS("Accounts"), LOGS("Logs"), VERIFY("Verify"), EXERCISE("Exercise"), MISSES("Misses");

    final String title;

    Page(String title) {
        this.title = title;
    }

    Page next() {
        return values()[(ordinal() + 1) % values().length];
    }

    Page previous() {
        return values()[(ordinal() + values().length - 1) % values().length];
    }
}
