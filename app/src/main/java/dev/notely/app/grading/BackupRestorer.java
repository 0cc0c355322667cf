package dev.notely.app.grading;

import dev.notely.app.data.Folders;
import dev.notely.app.data.DataFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code --restore}: puts the newest file of {@code .data/proxy-backups/} back into {@code proxy/}. What
 * {@code proxy/} holds is saved there first, so a restore loses nothing either, and a second restore
 * undoes the first.
 */
public final class BackupRestorer {

    private final Path kitRoot;
    private final Path backupDir;

    public BackupRestorer(Path kitRoot, Path backupDir) {
        this.kitRoot = kitRoot;
        this.backupDir = backupDir;
    }

    /** @return 0 when restored (or nothing needed doing), 1 when there is no backup or files cannot be written */
    public int restore(PrintStream out, PrintStream err) {
        Path to = kitRoot.resolve("proxy").resolve(StageInstaller.ROUTER_FILE);
        try {
            List<Path> backups = backups();
            if (backups.isEmpty()) {
                err.println("notely: --restore: no backups in " + Folders.display(kitRoot, backupDir)
                        + " (--use-stage keeps one each time it replaces proxy/)");
                return 1;
            }
            Path newest = backups.get(0);
            String wanted = Files.readString(newest);
            if (Files.exists(to)) {
                String current = Files.readString(to);
                if (current.equals(wanted)) {
                    out.println("proxy/ already holds " + Folders.display(kitRoot, newest) + "; nothing to do");
                    listOthers(backups, out);
                    return 0;
                }
                String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
                Path saved = backupDir.resolve("DataProxy-" + stamp + ".java");
                Files.writeString(saved, current);
                out.println("what proxy/ held is saved as " + Folders.display(kitRoot, saved));
            }
            Files.createDirectories(to.getParent());
            Files.writeString(to, wanted);
            out.println("proxy/ now holds " + Folders.display(kitRoot, newest)
                    + ": the running kit checks it at once; d deploys it");
            listOthers(backups, out);
            return 0;
        } catch (IOException e) {
            err.println("notely: --restore: " + e + DataFiles.inUseHint(e));
            return 1;
        }
    }

    private void listOthers(List<Path> backups, PrintStream out) {
        if (backups.size() > 1) {
            out.println("older backups (copy one into proxy/ by hand to use it):");
            backups.subList(1, backups.size()).forEach(b -> out.println("  " + Folders.display(kitRoot, b)));
        }
    }

    /** Newest first: the names carry their time. */
    private List<Path> backups() throws IOException {
        if (!Files.isDirectory(backupDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(backupDir)) {
            return files.filter(p -> p.getFileName().toString().matches("DataProxy-.*\\.java"))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
        }
    }
}
