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
        if (!ok) {
            throw new DeploymentException(describe(diagnostics.getDiagnostics(), otherOutput.toString()));
        }
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

    private String describe(List<Diagnostic<? extends JavaFileObject>> all, String otherOutput) {
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : all) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            String where = d.getSource() == null ? "" : Folders.display(displayBase, Path.of(d.getSource().toUri())) + ":" + d.getLineNumber() + ": ";
            String message = String.join(" ", d.getMessage(Locale.ROOT).lines().map(String::strip).toList());
            errors.add(where + message);
        }
        if (errors.isEmpty()) {
            return "compile error: " + (otherOutput.isBlank() ? "javac reported failure without a message" : otherOutput.strip());
        }
        StringBuilder s = new StringBuilder("compile error: ");
        s.append(String.join(" | ", errors.subList(0, Math.min(ERRORS_SHOWN, errors.size()))));
        if (errors.size() > ERRORS_SHOWN) {
            s.append(" (and ").append(errors.size() - ERRORS_SHOWN).append(" more)");
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
