package dev.notely.store.sqlite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child-process side of the two-JVM concurrency test: {@code WriterMain <db-file> <writer> <rounds>}.
 * Opens the store, prints {@value #READY}, and starts writing when a line arrives on stdin, so both
 * processes write at the same time.
 */
public final class WriterMain {

    static final String READY = "ready";
    static final String DONE = "done";

    public static void main(String[] args) throws IOException {
        try (SqliteNoteStore store = SqliteNoteStore.open("legacy", Path.of(args[0]))) {
            System.out.println(READY);
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (in.readLine() == null) {
                System.out.println("stdin closed before the start signal");
                System.exit(1);
            }
            WriterWorkload.run(store, args[1], Integer.parseInt(args[2]));
        }
        System.out.println(DONE);
    }
}
