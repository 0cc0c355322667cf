package dev.notely.app;

import dev.notely.app.deploy.KitClasspath;
import dev.notely.app.deploy.ProxyCompiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The floor for a deployment's compile step: the kit's {@link ProxyCompiler}, its class path and
 * options, on a {@code DataProxy} that is an empty class. As a program it compiles once, in a JVM of
 * its own so the compile is as cold as a first deployment's, and prints {@code cold <ms>}.
 *
 * <p>Usage: {@code CompileFloor <scratch folder>}
 */
public final class CompileFloor {

    private CompileFloor() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        System.out.println("cold " + compileMillis(emptyProxyCompiler(dir), dir.resolve("out")));
    }

    /** A compiler for an empty {@code DataProxy} written under {@code dir}. */
    public static ProxyCompiler emptyProxyCompiler(Path dir) throws IOException {
        Path source = dir.resolve("src").resolve(ProxyCompiler.ROUTER_SOURCE);
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package dev.notely.proxy;\n\npublic final class DataProxy {\n}\n");
        return new ProxyCompiler(dir.resolve("src"), KitClasspath.current(), dir);
    }

    public static long compileMillis(ProxyCompiler compiler, Path out) {
        long start = System.nanoTime();
        compiler.compile(out);
        return (System.nanoTime() - start) / 1_000_000;
    }
}
