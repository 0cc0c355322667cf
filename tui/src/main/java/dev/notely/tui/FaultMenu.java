package dev.notely.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.notely.store.NoteStores;
import dev.notely.store.faults.StoreFault;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The overview's {@code x} menu (SPEC §19): pick a store, then a fault, then its value, and the change is
 * handed to {@link Actions#changeFault}. Three short steps, each one line of keys, so it fits an 80-column
 * terminal; Esc steps out at any point and changes nothing. Only the UI thread uses it.
 */
final class FaultMenu {

    /** A change to one store's faults, and how the status line says it. */
    record Change(String store, UnaryOperator<StoreFault> change, String words) {
    }

    private enum Step { CLOSED, STORE, FAULT, VALUE }

    /** The faults that take a typed value: the key, the words, the limits of what may be typed. */
    private enum Kind {
        LATENCY('l', "latency in ms", StoreFault.MAX_MILLIS),
        JITTER('j', "jitter in ms", StoreFault.MAX_MILLIS),
        ERRORS('e', "errors in %", 100);

        final char key;
        final String words;
        final int max;

        Kind(char key, String words, int max) {
            this.key = key;
            this.words = words;
            this.max = max;
        }
    }

    private Step step = Step.CLOSED;
    private String store;
    private Kind kind;
    private final StringBuilder typed = new StringBuilder();
    private String problem = "";

    boolean isOpen() {
        return step != Step.CLOSED;
    }

    void open() {
        step = Step.STORE;
        store = null;
        kind = null;
        typed.setLength(0);
        problem = "";
    }

    void close() {
        step = Step.CLOSED;
    }

    /** Takes one key while the menu is open; a finished choice comes back as the change to make. */
    Optional<Change> handle(KeyStroke key) {
        KeyType type = key.getKeyType();
        Character ch = type == KeyType.Character ? key.getCharacter() : null;
        if (type == KeyType.Escape || ch != null && ch == 'x' && step != Step.VALUE) {
            close();
            return Optional.empty();
        }
        switch (step) {
            case STORE -> {
                int index = ch == null ? -1 : ch - '1';
                if (index >= 0 && index < NoteStores.NAMES.size()) {
                    store = NoteStores.NAMES.get(index);
                    step = Step.FAULT;
                }
            }
            case FAULT -> {
                if (ch == null) {
                    return Optional.empty();
                }
                if (ch == 'd') {
                    close();
                    return Optional.of(new Change(store, f -> f.withDown(!f.down()), "down / up again"));
                }
                if (ch == 'c') {
                    close();
                    return Optional.of(new Change(store, f -> StoreFault.NONE, "faults cleared"));
                }
                for (Kind k : Kind.values()) {
                    if (k.key == ch) {
                        kind = k;
                        typed.setLength(0);
                        problem = "";
                        step = Step.VALUE;
                    }
                }
            }
            case VALUE -> {
                return value(type, ch);
            }
            default -> { }
        }
        return Optional.empty();
    }

    private Optional<Change> value(KeyType type, Character ch) {
        if (type == KeyType.Backspace && typed.length() > 0) {
            typed.setLength(typed.length() - 1);
        } else if (ch != null && Character.isDigit(ch) && typed.length() < 5) {
            typed.append(ch);
        } else if (type == KeyType.Enter) {
            if (typed.length() == 0) {
                problem = "type a number first";
                return Optional.empty();
            }
            int value = Integer.parseInt(typed.toString());
            if (value > kind.max) {
                problem = kind.words + " goes from 0 to " + kind.max;
                return Optional.empty();
            }
            close();
            return Optional.of(switch (kind) {
                case LATENCY -> new Change(store, f -> f.withLatencyMs(value), "latency " + value + " ms");
                case JITTER -> new Change(store, f -> f.withJitterMs(value), "jitter " + value + " ms");
                case ERRORS -> new Change(store, f -> f.withErrorRate(value / 100.0), value + " % errors");
            });
        }
        return Optional.empty();
    }

    /** The menu's lines, for the overview to draw over its top; empty while closed. */
    List<String> lines() {
        return switch (step) {
            case CLOSED -> List.of();
            case STORE -> List.of("Inject a store fault: which store?",
                    "1 legacy · 2 new · 3 second · Esc closes");
            case FAULT -> List.of("Inject a fault into " + store + ":",
                    "l latency · j jitter · e errors · d down/up · c clear · Esc closes");
            case VALUE -> List.of(String.format(Locale.ROOT, "%s of %s (0 to %d): %s▌", capital(kind.words), store, kind.max, typed),
                    problem.isEmpty() ? "Enter sets it · Backspace · Esc closes" : problem + " · Esc closes");
        };
    }

    private static String capital(String words) {
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
