package dev.notely.app.grading;

import dev.notely.app.data.Folders;
import dev.notely.app.data.DataFiles;
import dev.notely.app.deploy.ProxyCompiler;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code --use-stage STAGE}: copies a stage's {@code DataProxy.java} into {@code proxy/}, to start an
 * exercise or to reset one. The file it replaces is kept first, so no attendee's work is ever lost.
 */
public final class StageInstaller {

    static final List<String> STAGES = List.of("exercise1-start", "exercise1-hint", "exercise1-complete",
            "exercise2-start", "exercise2-hint", "exercise2-complete",
            "exercise3-start", "exercise3-hint", "exercise3-complete");
    static final String ROUTER_FILE = "src/main/java/" + ProxyCompiler.ROUTER_SOURCE;

    private final Path kitRoot;
    private final Path backupDir;

    public StageInstaller(Path kitRoot, Path backupDir) {
        this.kitRoot = kitRoot;
        this.backupDir = backupDir;
    }

    /** The stages there are, in their order. */
    public static List<String> stages() {
        return STAGES;
    }

    /** Where a stage's source folder is, for {@code --proxy-source}. */
    public static Path stageSources(Path kitRoot, String stage) {
        return kitRoot.resolve("exercises").resolve(stage).resolve("src/main/java");
    }

    /**
     * @return 0 when installed, 2 for an unknown stage, 1 when the files cannot be written
     */
    public int install(String stage, PrintStream out, PrintStream err) {
        if (!STAGES.contains(stage)) {
            err.println("notely: --use-stage: '" + stage + "' is not a stage; use one of " + String.join(", ", STAGES));
            return 2;
        }
        Path from = kitRoot.resolve("exercises").resolve(stage).resolve(ROUTER_FILE);
        Path to = kitRoot.resolve("proxy").resolve(ROUTER_FILE);
        try {
            String wanted = Files.readString(from);
            if (Files.exists(to)) {
                String current = Files.readString(to);
                if (current.equals(wanted)) {
                    out.println("proxy/ already holds " + stage + "; nothing to do");
                    return 0;
                }
                Files.createDirectories(backupDir);
                String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
                Path backup = backupDir.resolve("DataProxy-" + stamp + ".java");
                Files.writeString(backup, current);
                out.println("your previous DataProxy.java is saved as " + Folders.display(kitRoot, backup));
            }
            Files.createDirectories(to.getParent());
            Files.writeString(to, wanted);
        } catch (IOException e) {
            err.println("notely: cannot install " + stage + ": " + e + DataFiles.inUseHint(e));
            return 1;
        }
        out.println("proxy/ now holds " + stage + ": deploy it with d in the dashboard (or POST /deploy), or restart the kit");
        return 0;
    }

}
