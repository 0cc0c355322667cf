package dev.notely.app.migration;

import dev.notely.app.data.DataDirLock;
import dev.notely.app.data.StoreRecord;

import dev.notely.api.VerificationReport;
import dev.notely.api.json.VerificationJson;
import dev.notely.store.KitException;
import dev.notely.store.NoteStores;
import dev.notely.store.StoreServers;
import dev.notely.store.sqlite.SqliteAccountStore;
import dev.notely.store.sqlite.SqliteNoteStores;
import dev.notely.telemetry.StatsCollector;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --verify}: checks a data folder's stores against each other without starting the kit, and says
 * so with its exit code. It only reads, and takes no lock on the folder ({@link DataDirLock} is for kits that
 * write), so it runs as well beside a kit using the same folder as on one that is stopped.
 */
public final class VerifyCommand {

    static final int CLEAN = 0;
    static final int DIFFERENCES = 1;
    static final int FAILED = 2;

    private VerifyCommand() {
    }

    /** @return {@link #CLEAN}, {@link #DIFFERENCES}, or {@link #FAILED} when the data cannot be read */
    public static int run(Path dataDir, StoreServers servers, boolean json, PrintStream out, PrintStream err) {
        if (!Files.isDirectory(dataDir)) {
            err.println("notely: --verify: " + dataDir + " is not a folder: give the data folder of a kit with --data-dir");
            return FAILED;
        }
        if (!Files.isRegularFile(dataDir.resolve(SqliteAccountStore.FILE_NAME))) {
            err.println("notely: --verify: " + dataDir + " holds no " + SqliteAccountStore.FILE_NAME
                    + ": it is not a kit's data folder (start the kit once, or give another with --data-dir)");
            return FAILED;
        }
        // Stores the folder's kit kept on a server would read as missing files here: clean, having read nothing.
        Map<String, String> recorded;
        try {
            recorded = StoreRecord.read(dataDir);
        } catch (IOException e) {
            err.println("notely: --verify: cannot read " + dataDir + "'s record of its stores: " + e.getMessage());
            return FAILED;
        }
        for (Map.Entry<String, String> store : recorded.entrySet()) {
            if (servers.url(store.getKey()).isEmpty()) {
                err.println("notely: --verify: note store '" + store.getKey() + "' of " + dataDir + " lives on PostgreSQL ("
                        + store.getValue() + "), not in this folder: pass --store " + store.getKey() + "="
                        + store.getValue() + " (its password in NOTELY_STORE_" + store.getKey().toUpperCase(Locale.ROOT)
                        + "_PASSWORD or ~/.pgpass)");
                return FAILED;
            }
        }
        // A store never opened has no file: nothing is in it, and verifying must not create it.
        List<String> names = NoteStores.NAMES.stream()
                .filter(name -> servers.url(name).isPresent() || Files.isRegularFile(dataDir.resolve(name + ".db")))
                .toList();
        VerificationReport report;
        // Read-only: a folder the kit may not write is read all the same, and nothing in it changes.
        try (SqliteAccountStore accounts = SqliteAccountStore.openReadOnly(dataDir);
             SqliteNoteStores stores = SqliteNoteStores.readOnly(dataDir, new StatsCollector(), servers)) {
            report = new Verifier(accounts, stores, names).verify();
        } catch (KitException | IllegalStateException | IllegalArgumentException e) {
            err.println("notely: --verify: cannot read the stores: " + e.getMessage());
            return FAILED;
        }
        if (json) {
            out.println(VerificationJson.toJson(report));
        } else {
            List<String> absent = NoteStores.NAMES.stream().filter(name -> !names.contains(name))
                    .map(name -> "no " + name + ".db in " + dataDir + ": no notes there to compare").toList();
            String where = dataDir + (servers.urls().isEmpty() ? "" : " and on PostgreSQL (" + servers + ")");
            VerificationText.print(report, where, absent, out);
        }
        out.flush();
        return report.clean() ? CLEAN : DIFFERENCES;
    }
}
