package dev.notely.app.loop;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The current exercise, remembered in the data folder ({@value #FILE}) so the next start checks against
 * the same one. A file of its own: nothing else in the kit writes it.
 */
final class ExerciseChoice {

    static final String FILE = "checks.json";

    private final Path file;

    ExerciseChoice(Path dataDir) {
        this.file = dataDir.resolve(FILE);
    }

    /** The remembered exercise; empty when none is, or the file is unreadable (then it is written anew). */
    Optional<Integer> read() {
        try {
            JsonObject json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            int exercise = json.get("exercise").getAsInt();
            return exercise >= 1 && exercise <= 3 ? Optional.of(exercise) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes through a temporary file and a rename, so a crash never leaves half a file. */
    void write(int exercise) throws IOException {
        JsonObject json = new JsonObject();
        json.addProperty("exercise", exercise);
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(FILE + ".tmp");
        Files.writeString(temporary, json.toString());
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
