package dev.notely.app.loop;

import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryWatcher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import dev.notely.telemetry.DaemonThreads;

/**
 * Tells when a {@code .java} file under the proxy sources changes. Native file events on every system
 * (the JDK's own watch service polls every few seconds on macOS); a save through a temporary file and a
 * rename shows as the {@code .java} file created, so it counts like any other save.
 */
final class SourceWatcher implements AutoCloseable {

    private final DirectoryWatcher watcher;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(DaemonThreads.named("source-watcher"));

    /**
     * Starts watching; {@code onChange} runs on the watcher's thread for every event, so it must be quick.
     *
     * @throws IOException when the folder cannot be watched
     */
    SourceWatcher(Path sourceRoot, Runnable onChange) throws IOException {
        this.watcher = DirectoryWatcher.builder()
                .path(sourceRoot)
                .fileHashing(false) // every save counts, even one that writes the same bytes again
                .listener(event -> {
                    if (event.eventType() == DirectoryChangeEvent.EventType.OVERFLOW || isJava(event.path())) {
                        onChange.run();
                    }
                })
                .build();
        watcher.watchAsync(thread);
    }

    private static boolean isJava(Path path) {
        return path != null && path.getFileName() != null && path.getFileName().toString().endsWith(".java");
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            // stopping anyway
        }
        thread.shutdownNow();
    }
}
