package dev.notely.app.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The share of the kit's class path a proxy process needs: the proxy host and the artifacts its build
 * listed ({@code runtime-artifacts.txt}, written by Maven), and nothing of the dashboard, the load
 * generator or the checks. A shorter class path is a faster start and a smaller process.
 */
public final class ProxyClasspath {

    static final String HOST_ARTIFACT = "proxy-host";
    static final String ARTIFACT_LIST = "/dev/notely/proxyhost/runtime-artifacts.txt";

    private static final Logger log = LoggerFactory.getLogger(ProxyClasspath.class);

    private ProxyClasspath() {
    }

    /** The entries of {@code kitClasspath} a proxy needs; the whole of it when the list cannot be read. */
    public static List<Path> of(List<Path> kitClasspath) {
        Optional<Set<String>> needed = neededArtifacts();
        if (needed.isEmpty()) {
            log.debug("no list of the proxy host's artifacts; proxies get the whole class path");
            return kitClasspath;
        }
        Set<String> wanted = needed.get();
        List<Path> lean = kitClasspath.stream().filter(p -> wanted.contains(artifactOf(p))).toList();
        Set<String> found = new HashSet<>(lean.stream().map(ProxyClasspath::artifactOf).toList());
        if (!found.containsAll(wanted)) {
            Set<String> missing = new HashSet<>(wanted);
            missing.removeAll(found);
            log.debug("artifacts {} not recognised on the class path; proxies get the whole class path", missing);
            return kitClasspath;
        }
        return lean;
    }

    /**
     * The artifact an entry holds, read from where Maven puts it: {@code .../undertow-core/2.4.4/x.jar}
     * in a repository, {@code store/target/classes} or {@code store/target/store-1.0.jar} in the build.
     */
    static String artifactOf(Path entry) {
        Path parent = entry.toAbsolutePath().getParent();
        Path grandParent = parent == null ? null : parent.getParent();
        return grandParent == null || grandParent.getFileName() == null ? "" : grandParent.getFileName().toString();
    }

    private static Optional<Set<String>> neededArtifacts() {
        try (InputStream in = ProxyClasspath.class.getResourceAsStream(ARTIFACT_LIST)) {
            if (in == null) {
                return Optional.empty();
            }
            Set<String> artifacts = new HashSet<>();
            artifacts.add(HOST_ARTIFACT);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                // "   io.undertow:undertow-core:jar:2.4.4.Final -- module undertow.core"
                String[] coordinates = line.strip().split("\\s+")[0].split(":");
                if (coordinates.length >= 4) {
                    artifacts.add(coordinates[1]);
                }
            }
            return Optional.of(artifacts);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
