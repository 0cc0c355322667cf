package dev.notely.store.postgres;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a store's PostgreSQL password comes from when its URL has none (SPEC §17): the environment variable
 * {@code NOTELY_STORE_<NAME>_PASSWORD}, else the driver's own look-up in {@code ~/.pgpass} (or
 * {@code PGPASSFILE}). Neither shows in the process list, as a password on the command line does.
 */
public final class StorePasswords {

    private static final Pattern HAS_PASSWORD = Pattern.compile("(?i)[?&]password=");

    private StorePasswords() {
    }

    /** The variable that holds store {@code name}'s password. */
    public static String variable(String name) {
        return "NOTELY_STORE_" + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_PASSWORD";
    }

    /** Whether {@code url} carries a password of its own. */
    public static boolean hasPassword(String url) {
        return HAS_PASSWORD.matcher(url).find();
    }

    /** {@code url} with the password from {@code environment} added when it has none of its own. */
    static String withPassword(String name, String url, Map<String, String> environment) {
        String password = environment.get(variable(name));
        if (hasPassword(url) || password == null || password.isEmpty()) {
            return url; // without one, the driver reads ~/.pgpass
        }
        return url + (url.contains("?") ? "&" : "?") + "password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    }
}
