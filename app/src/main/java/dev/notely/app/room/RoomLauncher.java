package dev.notely.app.room;

import dev.notely.app.deploy.KitClasspath;
import dev.notely.app.deploy.ProxyLauncher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the room in a JVM of its own, with a small fixed heap, as the kit runs its proxies: started through
 * Maven, the room would otherwise share Maven's JVM and its heap, sized for a build, not for a page of
 * figures. The room's output is this process's own; Ctrl+C and SIGTERM stop both.
 */
public final class RoomLauncher {

    /** Set in the room's own JVM: there, {@code --room} serves instead of launching. */
    public static final String IN_ROOM_JVM = "notely.room.jvm";
    /** Enough for 200 attendees and their pages (see BENCHMARKS.md), and a bound on what the room can take. */
    static final List<String> JVM_FLAGS = List.of(
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Xms16m",
            "-Xmx96m",
            "-XX:MaxMetaspaceSize=96m",
            "-Xss512k",
            "-XX:-UsePerfData");

    private RoomLauncher() {
    }

    /** Whether this JVM is the room's own. */
    public static boolean inRoomJvm() {
        return Boolean.getBoolean(IN_ROOM_JVM);
    }

    /** Runs {@code Main --room} with {@code args} in a JVM of its own until it ends; returns its exit code. */
    public static int run(String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ProxyLauncher.currentJava().toString());
        command.addAll(JVM_FLAGS);
        command.add("-D" + IN_ROOM_JVM + "=true");
        command.add("-Dfile.encoding=UTF-8");
        command.addAll(List.of("-cp", KitClasspath.join(KitClasspath.current()), mainClass));
        command.addAll(args);
        Process room;
        try {
            room = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            System.err.println("notely: cannot start the room's JVM: " + e.getMessage());
            return 1;
        }
        Thread stop = new Thread(() -> {
            room.destroy(); // SIGTERM: the room closes and says so
            try {
                if (!room.waitFor(5, TimeUnit.SECONDS)) {
                    room.destroyForcibly();
                }
            } catch (InterruptedException e) {
                room.destroyForcibly();
            }
            System.out.flush();
            // Ctrl+C and SIGTERM would otherwise end this JVM with 130/143: closing the room is a clean exit.
            Runtime.getRuntime().halt(0);
        }, "room-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            return room.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            room.destroyForcibly();
            return 1;
        }
    }

    /** In the room's JVM: ends it when the JVM that launched it is gone, however that one ended. */
    public static void endWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
    }
}
