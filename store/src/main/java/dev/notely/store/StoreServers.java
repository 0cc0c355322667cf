package dev.notely.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postgresql.Driver;

/**
 * The note stores that live on a database server rather than in the data directory's SQLite files, as
 * given by {@code --store NAME=URL}: for example {@code new=jdbc:postgresql://127.0.0.1:5432/notely?user=kit}.
 * The app, its proxies, the verifier and the backfill all open stores through the same configuration.
 *
 * @param urls the JDBC URL of each store on a server, by store name
 */
public record StoreServers(Map<String, String> urls) {

    /** Every store in the data directory. */
    public static final StoreServers NONE = new StoreServers(Map.of());

    private static final String POSTGRES = "jdbc:postgresql:";

    public StoreServers {
        urls = Map.copyOf(urls);
    }

    /**
     * Reads {@code NAME=URL} settings.
     *
     * @throws IllegalArgumentException naming the setting and what is wrong with it: not NAME=URL, an
     *                                  unknown store, a store given twice, or a URL that is not PostgreSQL's
     */
    public static StoreServers parse(List<String> settings) {
        Map<String, String> urls = new LinkedHashMap<>();
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            if (equals <= 0 || !setting.substring(0, equals).matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("--store expects NAME=URL, such as new=" + POSTGRES
                        + "//127.0.0.1:5432/notely?user=USER&password=PASSWORD; got '" + redacted(setting) + "'");
            }
            String name = NoteStores.requireKnown(setting.substring(0, equals));
            String url = setting.substring(equals + 1);
            if (!url.startsWith(POSTGRES) || !portsAreNumbers(url) || Driver.parseURL(url, null) == null) {
                // The driver's own reading: a URL it cannot use is caught here, with the other mistakes in a
                // setting, rather than when the store is first opened.
                throw new IllegalArgumentException("--store " + name + ": '" + redacted(url)
                        + "' is not a PostgreSQL URL; expected " + POSTGRES + "//HOST:PORT/DATABASE?user=USER&password=PASSWORD");
            }
            if (urls.putIfAbsent(name, url) != null) {
                throw new IllegalArgumentException("--store " + name + " is given twice");
            }
        }
        return new StoreServers(urls);
    }

    /**
     * Whether every {@code HOST:PORT} of {@code jdbc:postgresql://HOST:PORT,.../DATABASE} has a port from 1 to
     * 65535, or none. The driver refuses other ports too, but says so in a log line of its own first.
     */
    private static boolean portsAreNumbers(String url) {
        if (!url.startsWith(POSTGRES + "//")) {
            return true;
        }
        String rest = url.substring(POSTGRES.length() + 2);
        int end = rest.length();
        for (char c : new char[] {'/', '?'}) {
            int at = rest.indexOf(c);
            end = at >= 0 ? Math.min(end, at) : end;
        }
        for (String address : rest.substring(0, end).split(",", -1)) {
            int colon = address.lastIndexOf(':');
            if (colon > address.lastIndexOf(']')) {
                String port = address.substring(colon + 1);
                if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The URL of the server store {@code name} lives on, or empty when it is a file in the data directory. */
    public Optional<String> url(String name) {
        return Optional.ofNullable(urls.get(name));
    }

    /** These settings as command-line arguments: {@code flag NAME=URL} for each store, in name order. */
    public List<String> asArguments(String flag) {
        List<String> arguments = new ArrayList<>();
        urls.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            arguments.add(flag);
            arguments.add(e.getKey() + "=" + e.getValue());
        });
        return arguments;
    }

    /** Without the URL's parameters, which carry the password. */
    private static String redacted(String text) {
        int query = text.indexOf('?');
        return query < 0 ? text : text.substring(0, query) + "?...";
    }

    @Override
    public String toString() {
        List<String> shown = new ArrayList<>();
        urls.forEach((name, url) -> shown.add(name + "=" + redacted(url)));
        return String.join(", ", shown);
    }
}
