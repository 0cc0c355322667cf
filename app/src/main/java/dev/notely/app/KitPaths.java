package dev.notely.app;

import dev.notely.app.deploy.KitClasspath;

import dev.notely.store.KitRoot;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the kit lives and where its data goes, for this run. */
public record KitPaths(Path root, Path dataDir) {

    /**
     * The kit root is found from the working directory or, failing that, from where the kit's own
     * classes were loaded (so {@code mvn -f path/to/pom.xml} works from anywhere); the data folder is
     * {@code --data-dir} or {@code .data/} in the kit root.
     */
    static KitPaths resolve(Options options) {
        Path cwd = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path root = KitRoot.find(cwd).or(() -> KitClasspath.codeLocation(KitPaths.class).flatMap(KitRoot::find))
                .orElse(cwd);
        return new KitPaths(root, KitRoot.dataDir(options.dataDir(), root));
    }

    /**
     * The proxy sources to compile: {@code --proxy-source} (relative to the working directory, or else
     * to the kit folder) or {@code proxy/src/main/java}.
     */
    Path proxySource(Options options) {
        return options.proxySource().map(given -> {
            Path fromCwd = given.toAbsolutePath().normalize();
            return given.isAbsolute() || Files.exists(fromCwd) ? fromCwd : root.resolve(given).normalize();
        }).orElse(root.resolve("proxy/src/main/java"));
    }
}
