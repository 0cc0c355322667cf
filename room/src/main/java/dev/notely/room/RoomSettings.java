package dev.notely.room;

import java.time.Duration;

/**
 * How the room behaves.
 *
 * @param maxAttendees how many kits may report; the next one is refused, so a script cannot fill the memory
 * @param awayAfter    a kit not heard from for this long is shown grey, as gone
 * @param pushEvery    how often open pages get the room, at most (and at least, so "last seen" moves)
 */
public record RoomSettings(int maxAttendees, Duration awayAfter, Duration pushEvery) {

    /** Kits report every 5 s: three reports missed is away. */
    public static final RoomSettings DEFAULT = new RoomSettings(200, Duration.ofSeconds(15), Duration.ofSeconds(1));
    /** Largest report body accepted. */
    public static final int MAX_BODY_BYTES = 16 * 1024;
}
