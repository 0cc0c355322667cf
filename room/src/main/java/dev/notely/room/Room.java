package dev.notely.room;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everyone who reported, in memory only: the room forgets it all when it stops. One row per name (in any
 * case), so an attendee whose kit restarts keeps their row.
 */
final class Room {

    /** A kit's latest report and when it came. */
    record Attendee(Progress progress, Instant lastSeen) {
    }

    /** The room is full: the next kit is refused with this. */
    static final class FullException extends RuntimeException {
        FullException(int max) {
            super("the room is full (" + max + " attendees); ask the instructor to start a room with fewer people");
        }
    }

    private static final Comparator<Map.Entry<String, Attendee>> BY_PROGRESS =
            Comparator.<Map.Entry<String, Attendee>>comparingDouble(e -> -e.getValue().progress().score())
                    .thenComparing(Map.Entry::getKey);

    private final RoomSettings settings;
    private final Clock clock;
    private final Map<String, Attendee> attendees = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();

    Room(RoomSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Keeps a kit's report. @throws FullException when a new name would go beyond the limit */
    void report(Progress progress) {
        String key = progress.name().toLowerCase(Locale.ROOT);
        Attendee now = new Attendee(progress, clock.instant());
        synchronized (attendees) { // the size check and the insert are one step
            if (!attendees.containsKey(key) && attendees.size() >= settings.maxAttendees()) {
                throw new FullException(settings.maxAttendees());
            }
            attendees.put(key, now);
        }
        changes.incrementAndGet();
    }

    /** Grows with every report: the pages are told only when it moved, or when time alone changes a row. */
    long changes() {
        return changes.get();
    }

    int size() {
        return attendees.size();
    }

    /** The room as {@code GET /room} and the page read it: rows sorted by progress, most done first. */
    JsonObject view() {
        Instant now = clock.instant();
        List<Map.Entry<String, Attendee>> rows = new ArrayList<>(attendees.entrySet());
        rows.sort(BY_PROGRESS);
        JsonObject view = new JsonObject();
        view.addProperty("at", now.toString());
        view.addProperty("attendees", rows.size());
        int[] finished = new int[Progress.EXERCISES + 1];
        int[] started = new int[Progress.EXERCISES + 1];
        JsonArray list = new JsonArray();
        for (Map.Entry<String, Attendee> row : rows) {
            Attendee a = row.getValue();
            a.progress().exercises().forEach((exercise, checks) -> {
                started[exercise]++;
                if (checks.finished()) {
                    finished[exercise]++;
                }
            });
            JsonObject json = a.progress().toJson();
            long ago = Math.max(0, Duration.between(a.lastSeen(), now).toSeconds());
            json.addProperty("lastSeen", a.lastSeen().toString());
            json.addProperty("secondsAgo", ago);
            json.addProperty("away", Duration.between(a.lastSeen(), now).compareTo(settings.awayAfter()) > 0);
            list.add(json);
        }
        JsonObject done = new JsonObject();
        for (int e = 1; e <= Progress.EXERCISES; e++) {
            done.addProperty(String.valueOf(e), finished[e]);
        }
        view.add("finished", done);
        view.addProperty("summary", summary(rows.size(), finished, started));
        view.add("exercises", Progress.exerciseNumbers());
        view.add("rows", list);
        return view;
    }

    /** "12 of 30 finished exercise 1", then each later exercise somebody has graded. */
    static String summary(int attendees, int[] finished, int[] started) {
        if (attendees == 0) {
            return "nobody has joined yet";
        }
        StringBuilder line = new StringBuilder(finished[1] + " of " + attendees + " finished exercise 1");
        for (int e = 2; e < finished.length; e++) {
            if (started[e] > 0) {
                line.append(" · ").append(finished[e]).append(" finished exercise ").append(e);
            }
        }
        return line.toString();
    }
}
