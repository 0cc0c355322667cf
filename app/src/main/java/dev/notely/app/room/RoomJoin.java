package dev.notely.app.room;

import dev.notely.room.JoinCode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a kit reports its progress ({@code --join HOST:PORT --code CODE --name NAME}).
 *
 * @param address the room's {@code HOST:PORT}
 */
public record RoomJoin(String address, JoinCode code, String name) {

    private static final Pattern ADDRESS = Pattern.compile("([A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+]):(\\d{1,5})");

    /**
     * @return {@code text}, when it is a host name or address and a port
     * @throws IllegalArgumentException saying what the room's address looks like
     */
    public static String checkAddress(String text) {
        Matcher m = ADDRESS.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT: use the address the room printed,"
                    + " e.g. 192.168.1.20:7070");
        }
        int port = Integer.parseInt(m.group(2));
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
        return text.strip();
    }
}
