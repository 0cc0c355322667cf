package dev.notely.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the kit's root folder (the one holding the root {@code pom.xml}) from anywhere inside the kit,
 * so the data and the proxy sources are found the same way whatever the working directory.
 */
public final class KitRoot {

    /** The name of the data folder inside the kit root. */
    public static final String DATA_DIR_NAME = ".data";

    // Only the root POM lists the proxy module; module POMs name the root only as their parent.
    private static final String ROOT_MARKER = "<module>proxy</module>";

    private KitRoot() {
    }

    /** The kit root at or above {@code start}, if {@code start} is inside the kit. */
    public static Optional<Path> find(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && contains(pom, ROOT_MARKER)) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** The kit root at or above the working directory. */
    public static Optional<Path> fromWorkingDirectory() {
        return find(Path.of(System.getProperty("user.dir")));
    }

    /**
     * The data directory: {@code override} when given, else {@code .data/} in the kit root found from
     * {@code workingDir}, else {@code .data/} in {@code workingDir} itself.
     */
    public static Path dataDir(Optional<Path> override, Path workingDir) {
        return override.map(p -> p.toAbsolutePath().normalize())
                .orElseGet(() -> find(workingDir).orElse(workingDir.toAbsolutePath().normalize())
                        .resolve(DATA_DIR_NAME));
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.readString(file).contains(text);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
