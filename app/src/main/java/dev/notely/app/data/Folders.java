package dev.notely.app.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folder housekeeping shared by deployments, grading and {@code --clean}, and paths as a person reads them. */
public final class Folders {

    private Folders() {
    }

    /** Deletes {@code dir} and everything in it; a missing folder is fine. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** {@code path} as a person reads it in a message: relative to {@code base} when inside it, else absolute. */
    public static String display(Path base, Path path) {
        Path b = base.toAbsolutePath().normalize();
        Path p = path.toAbsolutePath().normalize();
        return p.startsWith(b) ? b.relativize(p).toString() : p.toString();
    }
}
