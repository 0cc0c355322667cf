package dev.notely.app.room;

import dev.notely.room.JoinCode;
import java.util.List;

/** What {@code --room} prints: the page to put on the projector, and the line to read aloud. */
public final class RoomText {

    private RoomText() {
    }

    /** @param addresses this machine's addresses, best first (the first one is named in the join line) */
    public static String joinLines(List<String> addresses, int port, JoinCode code) {
        String at = addresses.get(0) + ":" + port;
        StringBuilder text = new StringBuilder();
        text.append("Room open at http://").append(at).append("/?code=").append(code)
                .append("  (show this page on the projector)\n");
        text.append("Join code: ").append(code).append('\n');
        text.append("Attendees start their kit with:\n");
        text.append("  mvn -q -pl app exec:java -Dexec.args=\"--gen --join ").append(at).append(" --code ").append(code)
                .append(" --name YOUR-NAME\"\n");
        if (addresses.size() > 1) {
            text.append("(this machine is also at ").append(String.join(", ", addresses.subList(1, addresses.size())))
                    .append(": use the one the attendees' network reaches)\n");
        }
        text.append("Ctrl+C closes the room; it keeps everything in memory and forgets it then.\n");
        return text.toString();
    }
}
