package dev.notely.loadgen;

/** What a simulated user does on one tick. */
enum Operation {
    CREATE, READ, UPDATE, DELETE, LIST;

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
