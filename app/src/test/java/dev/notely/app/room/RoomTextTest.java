package dev.notely.app.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.app.Options;
import dev.notely.room.JoinCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code --room} prints is what the instructor reads aloud: the line in it must start a kit that joins. */
class RoomTextTest {

    @Test
    void theJoinLineNamesTheFirstAddressThePortAndTheCode() {
        String text = RoomText.joinLines(List.of("192.168.1.20", "10.0.0.5"), 7070, new JoinCode("QWERTY"));
        List<String> lines = text.lines().toList();
        assertEquals("Room open at http://192.168.1.20:7070/?code=QWERTY  (show this page on the projector)", lines.get(0));
        assertEquals("Join code: QWERTY", lines.get(1));
        String start = lines.get(3).strip();
        assertEquals("mvn -q -pl app exec:java -Dexec.args=\"--gen --join 192.168.1.20:7070 --code QWERTY --name YOUR-NAME\"",
                start);
        assertTrue(text.contains("(this machine is also at 10.0.0.5: use the one the attendees' network reaches)"), text);

        // The printed flags are ones the kit takes.
        String args = start.substring(start.indexOf('"') + 1, start.lastIndexOf('"'));
        RoomJoin join = Options.parse(List.of(args.split(" "))).join().orElseThrow();
        assertEquals(new RoomJoin("192.168.1.20:7070", new JoinCode("QWERTY"), "YOUR-NAME"), join);
    }
}
