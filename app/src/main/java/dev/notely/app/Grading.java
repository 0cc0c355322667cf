package dev.notely.app;

import dev.notely.checks.CheckResult;
import dev.notely.checks.Grader;
import dev.notely.wire.ProxyWire;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --grade N}: compiles the proxy sources exactly as a deployment would, loads that
 * {@code DataProxy} in a class loader of its own and runs the graded checks of exercise N against it.
 */
final class Grading {

    private Grading() {
    }

    /** @return 0 when every check passes, 1 when some fail or the sources do not compile */
    static int run(int exercise, Path sourceRoot, Path kitRoot, PrintStream out) {
        Path classes;
        try {
            classes = Files.createTempDirectory("notely-grade");
        } catch (IOException e) {
            out.println("cannot create a temporary folder: " + e.getMessage());
            return 1;
        }
        try {
            out.println("grading " + KitPaths.display(kitRoot, sourceRoot) + " against exercise " + exercise);
            try {
                new ProxyCompiler(sourceRoot, KitClasspath.current(), kitRoot).compile(classes);
            } catch (RuntimeException e) {
                out.println("✗ " + e.getMessage());
                return 1;
            }
            try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                    Grading.class.getClassLoader())) {
                List<CheckResult> results = Grader.grade(exercise, Grader.routerFactory(loader, ProxyWire.ROUTER_CLASS));
                Grader.print(exercise, results, out);
                return results.stream().allMatch(CheckResult::passed) ? 0 : 1;
            }
        } catch (IOException e) {
            out.println("cannot load the compiled proxy: " + e.getMessage());
            return 1;
        } finally {
            try {
                Folders.deleteRecursively(classes);
            } catch (IOException ignored) {
                // a leftover temporary folder is harmless
            }
        }
    }

}
