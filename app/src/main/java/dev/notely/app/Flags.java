package dev.notely.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A small command-line reader: {@code --name value}, {@code --name=value} and bare switches. Anything
 * it does not know is an error naming the culprit, so a typo never silently changes nothing.
 */
final class Flags {

    /** A command-line mistake; the message is one line a person can act on. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    private final Map<String, String> values = new LinkedHashMap<>();

    private Flags() {
    }

    /**
     * @param switches flags that take no value
     * @param valued   flags that take one value
     */
    static Flags parse(List<String> args, Set<String> switches, Set<String> valued) {
        Flags flags = new Flags();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "': flags start with --");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (switches.contains(name)) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                value = "true";
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
            } else {
                throw new UsageException("unknown flag --" + name);
            }
            if (flags.values.put(name, value) != null) {
                throw new UsageException("--" + name + " is given twice");
            }
        }
        return flags;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The flag's value read by {@code reader}, or {@code fallback}; a reader's error becomes a usage error. */
    <T> T get(String name, Function<String, T> reader, T fallback) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            return reader.apply(raw);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + name + ": " + e.getMessage());
        }
    }

    /** Reads a whole number in {@code [min, max]}. */
    static Function<String, Integer> intIn(int min, int max) {
        return text -> {
            int value;
            try {
                value = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a whole number");
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException(value + " is outside " + min + ".." + max);
            }
            return value;
        };
    }
}
