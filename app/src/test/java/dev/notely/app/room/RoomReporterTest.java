package dev.notely.app.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.app.Await;
import dev.notely.room.JoinCode;
import dev.notely.room.Progress;
import dev.notely.room.RoomServer;
import dev.notely.room.RoomSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A room out of reach changes nothing for the kit: one line, then quiet retries, then one line when it is back. */
class RoomReporterTest {

    private static final JoinCode CODE = new JoinCode("QWERTY");

    private final List<String> said = new CopyOnWriteArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();

    private Progress progress() {
        reads.incrementAndGet();
        return new Progress("ana", new TreeMap<>(), Progress.Misses.NONE, Optional.of(1), Map.of(), "idle", "not run");
    }

    private static RoomServer room(int port) {
        return RoomServer.start("127.0.0.1", port, CODE, RoomSettings.DEFAULT, Clock.systemUTC());
    }

    @Test
    void anUnreachableRoomIsSaidOnceAndReportsResumeWhenItIsBack() {
        int port;
        try (RoomServer first = room(0)) {
            port = first.port(); // free now that it is closed: a room that is not there
        }
        RoomJoin join = new RoomJoin("127.0.0.1:" + port, CODE, "ana");
        try (RoomReporter reporter = new RoomReporter(join, this::progress, said::add).start(Duration.ofMillis(50))) {
            Await.until(Duration.ofSeconds(30), "several tries", () -> reads.get() >= 5);
            assertEquals(1, said.size(), said.toString());
            assertTrue(said.get(0).startsWith("the room at 127.0.0.1:" + port + " cannot be reached"), said.get(0));
            assertTrue(said.get(0).contains("the kit works as before and keeps trying"), said.get(0));

            try (RoomServer back = room(port)) {
                Await.until(Duration.ofSeconds(30), "the report in the room", () -> back.attendees() == 1);
                Await.until(Duration.ofSeconds(30), "a line saying so", () -> said.size() == 2);
                assertEquals("reporting to the room at 127.0.0.1:" + port + " again", said.get(1));
            }
        }
    }

    @Test
    void aRefusalIsSaidOnceWithTheRoomsReason() {
        try (RoomServer room = RoomServer.start("127.0.0.1", 0, new JoinCode("ABCDEF"), RoomSettings.DEFAULT,
                Clock.systemUTC())) {
            RoomJoin join = new RoomJoin("127.0.0.1:" + room.port(), CODE, "ana");
            try (RoomReporter reporter = new RoomReporter(join, this::progress, said::add).start(Duration.ofMillis(50))) {
                Await.until(Duration.ofSeconds(30), "several tries", () -> reads.get() >= 5);
                assertEquals(1, said.size(), said.toString());
                assertTrue(said.get(0).contains("refused the report: wrong join code"), said.get(0));
                assertEquals(0, room.attendees());
            }
        }
    }
}
