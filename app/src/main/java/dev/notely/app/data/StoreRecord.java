package dev.notely.app.data;

import dev.notely.store.NoteStores;
import dev.notely.store.StoreServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the stores of a data folder live, written by each kit that starts on it (SPEC §17), so that
 * {@code --verify} on that folder knows which stores are on a server and cannot report clean having read
 * empty files instead. One {@code NAME=URL} line per store on a server, the URL without its password.
 */
public final class StoreRecord {

    public static final String FILE_NAME = "stores.txt";
    private static final Pattern PASSWORD = Pattern.compile("(?i)([?&])password=[^&]*&?");

    private StoreRecord() {
    }

    /** Records {@code servers} in {@code dataDir}, replacing what an earlier run recorded. */
    public static void write(Path dataDir, StoreServers servers) throws IOException {
        List<String> lines = new ArrayList<>(List.of("# where this folder's note stores live: written by the kit at each start"));
        for (String name : NoteStores.NAMES) {
            servers.url(name).ifPresent(url -> lines.add(name + "=" + withoutPassword(url)));
        }
        Path file = dataDir.resolve(FILE_NAME);
        Path fresh = dataDir.resolve(FILE_NAME + ".new");
        Files.write(fresh, lines, StandardCharsets.UTF_8);
        DataFiles.ownerOnly(fresh);
        Files.move(fresh, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The stores {@code dataDir}'s last kit kept on a server, by name, URLs without passwords; empty when none. */
    public static Map<String, String> read(Path dataDir) throws IOException {
        Map<String, String> stores = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(dataDir.resolve(FILE_NAME), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return stores; // a folder from before this record, or one only ever used with files
        }
        for (String line : lines) {
            int equals = line.indexOf('=');
            if (!line.startsWith("#") && equals > 0) {
                stores.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
            }
        }
        return stores;
    }

    /** {@code url} without its {@code password} parameter, to be written down or shown. */
    public static String withoutPassword(String url) {
        String stripped = PASSWORD.matcher(url).replaceAll("$1");
        return stripped.endsWith("?") || stripped.endsWith("&") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }

    /** The password written in {@code url}, if any. */
    public static Optional<String> password(String url) {
        var m = Pattern.compile("(?i)[?&]password=([^&]*)").matcher(url);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static boolean exists(Path dataDir) {
        return Files.exists(dataDir.resolve(FILE_NAME), LinkOption.NOFOLLOW_LINKS);
    }
}
