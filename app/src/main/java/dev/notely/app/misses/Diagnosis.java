package dev.notely.app.misses;

import dev.notely.api.ExplainedMiss.Event;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a miss's timeline and says, in one line, why the user got the wrong answer: which version
 * put the note where, and which version then looked elsewhere.
 *
 * @param cause {@link #ROLLOUT}, {@link #OWN_WRITE}, {@link #STORE_FAILED} or {@link #UNEXPLAINED}
 */
record Diagnosis(String cause, String line) {

    static final String ROLLOUT = "rollout";
    static final String OWN_WRITE = "own-write";
    static final String STORE_FAILED = "store-failed";
    static final String UNEXPLAINED = "unexplained";

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    private static final Set<String> WRITES = Set.of("createNote", "updateNote", "upsertNote", "deleteNote",
            "removeMovedNote");
    /** How close a copy and the removal of the old copy are to count as one move. */
    private static final long MOVE_WINDOW_MS = 1_000;

    /**
     * @param missKind what the user saw: {@code missing}, {@code stale} or {@code resurrected}
     * @param observer the version that answered the request that saw the miss, if known
     * @param sent     when that request was sent
     * @param timeline the note's routed calls and store operations, oldest first
     */
    static Diagnosis of(String missKind, Optional<Integer> observer, Instant sent, List<Event> timeline) {
        List<Event> store = timeline.stream().filter(e -> "store".equals(e.source())).toList();
        Optional<Event> failure = store.stream().filter(e -> e.result().startsWith("failed")).reduce((a, b) -> b);
        if (failure.isPresent()) {
            Event f = failure.get();
            return new Diagnosis(STORE_FAILED, "a store failed: v" + f.version() + "'s " + f.what() + " on "
                    + f.store() + " at " + clock(f.at()) + " " + f.result());
        }
        if (observer.isEmpty()) {
            return unexplained("no routed call of the request that saw it was recorded", timeline);
        }
        int v = observer.get();
        List<Event> reads = store.stream()
                .filter(e -> e.version() != null && e.version() == v && !e.at().isBefore(sent))
                .filter(e -> wrongAnswer(missKind, e))
                .toList();
        if (reads.isEmpty()) {
            return unexplained("v" + v + " answered, but no store operation of its on the note gave that answer",
                    timeline);
        }
        Set<String> readStores = new LinkedHashSet<>();
        reads.forEach(e -> readStores.add(e.store()));
        Instant firstRead = reads.get(0).at();
        List<Event> writes = store.stream().filter(e -> WRITES.contains(e.what()) && e.at().isBefore(firstRead)
                && !e.result().startsWith("not there") && !"kept".equals(e.result())).toList();
        Optional<Event> change = lastChangeAwayFrom(missKind, readStores, writes);
        if (change.isEmpty()) {
            return unexplained("v" + v + " read " + String.join(" and ", readStores)
                    + ", and no write to the note in the 30 s before says why", timeline);
        }
        Event w = change.get();
        String verb = verb(w, writes);
        String read = String.join(" and ", readStores);
        if (w.version() != null && w.version() != v) {
            return new Diagnosis(ROLLOUT, "two versions disagreed during a rollout: v" + v + " read " + read
                    + " after v" + w.version() + " " + verb + " at " + clock(w.at()));
        }
        return new Diagnosis(OWN_WRITE, "one version contradicted its own write: v" + v + " " + verb
                + ", then read it from " + read);
    }

    /** Whether this store operation gave the answer the user found wrong. */
    private static boolean wrongAnswer(String missKind, Event e) {
        String r = e.result();
        return switch (missKind) {
            case "missing" -> r.equals("not found") || r.startsWith("not there") || r.startsWith("did not list");
            case "resurrected" -> r.startsWith("note written") && "getNote".equals(e.what()) || r.startsWith("listed");
            default -> "getNote".equals(e.what()) && r.startsWith("note written");
        };
    }

    /**
     * The latest write that put the note out of reach of the stores read: for a missing note, one to another
     * store or a removal from a store read; for a note back from the dead, a delete elsewhere; for stale
     * content, a newer write elsewhere. Failing that, the latest write of all.
     */
    private static Optional<Event> lastChangeAwayFrom(String missKind, Set<String> readStores, List<Event> writes) {
        List<Event> away = new ArrayList<>();
        for (Event w : writes) {
            boolean elsewhere = !readStores.contains(w.store());
            boolean removedHere = readStores.contains(w.store()) && "removeMovedNote".equals(w.what());
            boolean fits = switch (missKind) {
                case "resurrected" -> "deleteNote".equals(w.what()) && elsewhere;
                case "missing" -> elsewhere && !"deleteNote".equals(w.what()) && !"removeMovedNote".equals(w.what())
                        || removedHere;
                default -> elsewhere && !"deleteNote".equals(w.what()) && !"removeMovedNote".equals(w.what());
            };
            if (fits) {
                away.add(w);
            }
        }
        if (!away.isEmpty()) {
            return Optional.of(away.get(away.size() - 1));
        }
        return writes.isEmpty() ? Optional.empty() : Optional.of(writes.get(writes.size() - 1));
    }

    /** What a write did, in words: a copy followed by the old copy's removal by the same version is a move. */
    private static String verb(Event w, List<Event> writes) {
        for (Event o : writes) {
            if (o.version() != null && o.version().equals(w.version())
                    && Math.abs(o.at().toEpochMilli() - w.at().toEpochMilli()) <= MOVE_WINDOW_MS) {
                if ("upsertNote".equals(w.what()) && "removeMovedNote".equals(o.what()) && "removed".equals(o.result())) {
                    return "moved the note to " + w.store();
                }
                if ("removeMovedNote".equals(w.what()) && "upsertNote".equals(o.what())) {
                    return "moved the note to " + o.store();
                }
            }
        }
        return switch (w.what()) {
            case "createNote" -> "created the note in " + w.store();
            case "deleteNote" -> "deleted the note from " + w.store();
            case "removeMovedNote" -> "moved the note out of " + w.store();
            case "upsertNote" -> "copied the note to " + w.store();
            default -> "wrote the note to " + w.store();
        };
    }

    private static Diagnosis unexplained(String why, List<Event> timeline) {
        return new Diagnosis(UNEXPLAINED, "unexplained: " + why + " (" + timeline.size() + " steps in the timeline)");
    }

    static String clock(Instant at) {
        return CLOCK.format(at);
    }
}
