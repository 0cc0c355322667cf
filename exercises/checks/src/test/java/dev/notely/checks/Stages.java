package dev.notely.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.store.KitRoot;
import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStores;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles exercise stages (or deliberately broken copies of them) as {@code --grade} does, for grading tests. */
final class Stages {

    private static final Path KIT = KitRoot.fromWorkingDirectory().orElseThrow();

    private final Path classes;

    /** @param classes a folder for the compiled classes */
    Stages(Path classes) {
        this.classes = classes;
    }

    static Path source(String stage) {
        return KIT.resolve("exercises").resolve(stage).resolve("src/main/java/dev/notely/proxy/DataProxy.java");
    }

    /** Compiles the stage's DataProxy on its own and loads it in a class loader of its own. */
    Function<NoteStores, NoteRouter> compile(String stage) {
        return compile(stage, source(stage));
    }

    /** Compiles one DataProxy source into a folder named {@code label} and loads it as --grade does. */
    Function<NoteStores, NoteRouter> compile(String label, Path source) {
        try {
            Path out = Files.createDirectories(classes.resolve(label));
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            StringWriter errors = new StringWriter();
            boolean ok = javac.getTask(errors, null, null,
                    List.of("-d", out.toString(), "-cp", System.getProperty("java.class.path"), "-proc:none"),
                    null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(source)).call();
            assertTrue(ok, label + " does not compile:\n" + errors);
            URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, Stages.class.getClassLoader());
            return Grader.routerFactory(loader, "dev.notely.proxy.DataProxy");
        } catch (Exception e) {
            throw new AssertionError("cannot load stage " + label, e);
        }
    }

    /**
     * The stage's DataProxy with each {@code from} replaced by the {@code to} after it: a reference
     * solution with exactly one deliberate bug, to prove a check catches that bug.
     */
    Function<NoteStores, NoteRouter> broken(String stage, String label, String... fromTo) {
        try {
            String text = Files.readString(source(stage));
            for (int i = 0; i < fromTo.length; i += 2) {
                String from = fromTo[i];
                assertEquals(text.indexOf(from), text.lastIndexOf(from), stage + " holds this line more than once: " + from);
                assertTrue(text.contains(from), stage + " no longer holds the line this test breaks: " + from);
                text = text.replace(from, fromTo[i + 1]);
            }
            Path file = Files.createDirectories(classes.resolve(label + "-source")).resolve("DataProxy.java");
            Files.writeString(file, text);
            return compile(label, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that exactly {@code failing} fails, with {@code reason}: the bug is caught, and only there. */
    static void assertOnlyFails(List<CheckResult> results, String failing, String reason) {
        for (CheckResult r : results) {
            if (r.name().equals(failing)) {
                assertEquals(reason, r.reason(), failing);
            } else {
                assertTrue(r.passed(), r.name() + " should pass: " + r.reason());
            }
        }
        assertTrue(byName(results).containsKey(failing), "no check named " + failing);
    }

    static Map<String, CheckResult> byName(List<CheckResult> results) {
        return results.stream().collect(Collectors.toMap(CheckResult::name, r -> r));
    }

    static void assertFails(List<CheckResult> results, String check) {
        CheckResult r = byName(results).get(check);
        assertFalse(r.passed(), check + " should fail");
        assertFalse(r.reason().isBlank(), "a failing check says why: " + check);
    }
}
