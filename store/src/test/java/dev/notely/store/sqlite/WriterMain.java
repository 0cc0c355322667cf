package dev.notely.store.sqlite;

import java.nio.file.Path;

/** Child-process side of the two-JVM concurrency test: {@code WriterMain <db-file> <writer> <rounds>}. */
public final class WriterMain {

    public static void main(String[] args) {
        try (SqliteNoteStore store = SqliteNoteStore.open("legacy", Path.of(args[0]))) {
            WriterWorkload.run(store, args[1], Integer.parseInt(args[2]));
        }
        System.out.println("done");
    }
}
