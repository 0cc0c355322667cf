package dev.notely.app.deploy;

import dev.notely.app.data.Folders;

import dev.notely.api.DeploymentException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles the proxy sources in-process into a fresh folder, so what runs is always what the source
 * says now: never a stale jar. Compile errors come back with file, line and message.
 */
public final class ProxyCompiler {

    public static final String ROUTER_SOURCE = "dev/notely/proxy/DataProxy.java";
    private static final int ERRORS_SHOWN = 3;

    private final Path sourceRoot;
    private final List<Path> classpath;
    private final Path displayBase;

    /**
     * @param sourceRoot  the folder holding {@code dev/notely/proxy/DataProxy.java}
     * @param classpath   what the sources compile against (the kit's runtime class path)
     * @param displayBase paths in error messages are shown relative to this folder (the kit root)
     */
    public ProxyCompiler(Path sourceRoot, List<Path> classpath, Path displayBase) {
        this.sourceRoot = sourceRoot.toAbsolutePath().normalize();
        this.classpath = List.copyOf(classpath);
        this.displayBase = displayBase.toAbsolutePath().normalize();
    }

    Path sourceRoot() {
        return sourceRoot;
    }

    /**
     * Compiles every {@code .java} file under the source root into {@code outputDir}, which is emptied
     * first.
     *
     * @throws DeploymentException naming the first errors (file:line: message) or what is missing
     */
    public void compile(Path outputDir) {
        Outcome outcome = compileReporting(outputDir);
        if (!outcome.errors().isEmpty()) {
            throw new DeploymentException(describe(outcome.errors()));
        }
    }

    /** A compile error: {@code file} is empty when javac named none, {@code line} 0 then. */
    public record Problem(Optional<Path> file, long line, String message) {
    }

    /** What a compile came to: no errors means the classes are in the output folder. */
    public record Outcome(List<Problem> errors) {
        public Outcome {
            errors = List.copyOf(errors);
        }
    }

    /**
     * As {@link #compile}, but compile errors come back, every one with its file and line, for the
     * save loop to show where the attendee is looking.
     *
     * @throws DeploymentException when there is nothing to compile or no compiler, not for compile errors
     */
    public Outcome compileReporting(Path outputDir) {
        List<Path> sources = sources();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new DeploymentException("this Java runtime has no compiler (" + System.getProperty("java.home")
                    + "); run the kit with a JDK 17 or newer");
        }
        recreate(outputDir);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter otherOutput = new StringWriter();
        boolean ok;
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(outputDir));
            files.setLocationFromPaths(StandardLocation.CLASS_PATH, classpath);
            List<String> options = List.of("--release", "17", "-proc:none", "-g", "-implicit:none", "-encoding", "UTF-8");
            ok = javac.getTask(otherOutput, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
        } catch (IOException | RuntimeException e) {
            throw new DeploymentException("compiling " + Folders.display(displayBase, sourceRoot) + " failed: " + e.getMessage(), e);
        } catch (StackOverflowError | AssertionError | LinkageError e) {
            // javac itself crashed (say, on a pathologically nested expression): a failed deployment, not a dead kit
            throw new DeploymentException("the Java compiler crashed on " + Folders.display(displayBase, sourceRoot) + ": " + e, e);
        }
        if (ok) {
            return new Outcome(List.of());
        }
        List<Problem> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(new Problem(d.getSource() == null ? Optional.empty() : Optional.of(Path.of(d.getSource().toUri())),
                        Math.max(0, d.getLineNumber()), String.join(" ", d.getMessage(Locale.ROOT).lines().map(String::strip).toList())));
            }
        }
        if (errors.isEmpty()) {
            errors.add(new Problem(Optional.empty(), 0,
                    otherOutput.toString().isBlank() ? "javac reported failure without a message" : otherOutput.toString().strip()));
        }
        return new Outcome(errors);
    }

    /** {@code file} as the messages show it: relative to the kit folder. */
    public String display(Path file) {
        return Folders.display(displayBase, file);
    }

    private List<Path> sources() {
        if (!Files.isRegularFile(sourceRoot.resolve(ROUTER_SOURCE))) {
            throw new DeploymentException("no proxy source at " + Folders.display(displayBase, sourceRoot.resolve(ROUTER_SOURCE))
                    + "; check --proxy-source points at a src/main/java folder");
        }
        try (Stream<Path> walk = Files.walk(sourceRoot)) {
            return walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new DeploymentException("cannot read the proxy sources in " + Folders.display(displayBase, sourceRoot) + ": " + e, e);
        }
    }

    private String describe(List<Problem> errors) {
        List<String> lines = errors.stream().map(p -> p.file().map(f -> display(f) + ":" + p.line() + ": ").orElse("")
                + p.message()).toList();
        StringBuilder s = new StringBuilder("compile error: ");
        s.append(String.join(" | ", lines.subList(0, Math.min(ERRORS_SHOWN, lines.size()))));
        if (lines.size() > ERRORS_SHOWN) {
            s.append(" (and ").append(lines.size() - ERRORS_SHOWN).append(" more)");
        }
        return s.toString();
    }

    private void recreate(Path dir) {
        try {
            Folders.deleteRecursively(dir);
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DeploymentException("cannot prepare the output folder " + Folders.display(displayBase, dir) + ": " + e, e);
        }
    }
}
