package dev.notely.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What a child process prints, collected line by line on a daemon thread while it runs. */
public final class OutputLines {

    public final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    public OutputLines(Process process, String name) {
        reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits until everything the process printed has been read, up to {@code millis}. */
    void awaitEnd(long millis) throws InterruptedException {
        reader.join(millis);
    }

    String text() {
        return String.join("\n", lines);
    }
}
