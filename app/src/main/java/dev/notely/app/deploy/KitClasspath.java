package dev.notely.app.deploy;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The kit's runtime class path, as the running JVM sees it. Under {@code mvn exec:java} the JVM's own
 * class path is Maven's launcher; the kit's classes come from the class loader exec:java built, so
 * that loader is asked first. Jars whose manifest lists further entries (as test runners use) are
 * expanded, so a child JVM or the compiler gets plain entries.
 */
public final class KitClasspath {

    private KitClasspath() {
    }

    public static List<Path> current() {
        ClassLoader loader = KitClasspath.class.getClassLoader();
        List<Path> roots = new ArrayList<>();
        if (loader instanceof URLClassLoader urls && urls.getURLs().length > 0) {
            for (URL url : urls.getURLs()) {
                toPath(url).ifPresent(roots::add);
            }
        } else {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    roots.add(Path.of(entry).toAbsolutePath());
                }
            }
        }
        Set<Path> expanded = new LinkedHashSet<>();
        roots.forEach(root -> expand(root, expanded));
        return List.copyOf(expanded);
    }

    /** The folder or jar a class was loaded from, if it is a local file. */
    public static java.util.Optional<Path> codeLocation(Class<?> type) {
        var source = type.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? java.util.Optional.empty() : toPath(source.getLocation());
    }

    public static String join(List<Path> entries) {
        return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
    }

    private static void expand(Path entry, Set<Path> into) {
        if (!into.add(entry) || !Files.isRegularFile(entry) || !entry.toString().endsWith(".jar")) {
            return;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                return;
            }
            for (String ref : classPath.trim().split("\\s+")) {
                try {
                    URL url = entry.getParent().toUri().resolve(ref).toURL();
                    toPath(url).ifPresent(p -> expand(p, into));
                } catch (IOException | IllegalArgumentException e) {
                    // an entry that is not a local file cannot be handed on; skip it
                }
            }
        } catch (IOException e) {
            // unreadable jar: keep it as it is
        }
    }

    private static java.util.Optional<Path> toPath(URL url) {
        if (!"file".equals(url.getProtocol())) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Path.of(url.toURI()).toAbsolutePath());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
