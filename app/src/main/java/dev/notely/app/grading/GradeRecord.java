package dev.notely.app.grading;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.notely.checks.CheckResult;
import dev.notely.checks.Grader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outcome of the latest {@code --grade N}, kept in the data folder ({@code grades/exercise-N.json}) so a
 * running kit can tell the instructor's room how far its attendee is. Written whole or not at all: a kit
 * reading it while a grading ends sees the old record or the new one, never half of one.
 *
 * @param status pass, fail or error (the grading could not finish: a compile error, an exit, a hang)
 */
public record GradeRecord(int exercise, int passed, int total, String status, Instant gradedAt) {

    static final String FOLDER = "grades";
    /** The exercises there are, as {@code --grade} takes them. */
    static final int EXERCISES = 3;
    private static final Logger log = LoggerFactory.getLogger(GradeRecord.class);

    /** A grading's outcome: error when it could not finish, else pass when every check passed, else fail. */
    public static GradeRecord of(int exercise, int passed, int total, boolean error, Instant gradedAt) {
        int counted = Math.min(passed, total);
        return new GradeRecord(exercise, counted, total, error ? "error" : counted >= total ? "pass" : "fail", gradedAt);
    }

    /** Where exercise {@code exercise}'s record lives in {@code dataDir}. */
    static Path file(Path dataDir, int exercise) {
        return dataDir.resolve(FOLDER).resolve("exercise-" + exercise + ".json");
    }

    /** The latest record of each exercise graded in {@code dataDir}; one that cannot be read counts as not graded. */
    public static List<GradeRecord> read(Path dataDir) {
        List<GradeRecord> records = new ArrayList<>();
        for (int exercise = 1; exercise <= EXERCISES; exercise++) {
            read(dataDir, exercise).ifPresent(records::add);
        }
        return records;
    }

    static Optional<GradeRecord> read(Path dataDir, int exercise) {
        Path file = file(dataDir, exercise);
        try {
            JsonObject json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            int total = json.get("total").getAsInt();
            int passed = json.get("passed").getAsInt();
            if (json.get("exercise").getAsInt() != exercise || total < 0 || passed < 0 || passed > total) {
                throw new IllegalStateException("figures out of range");
            }
            return Optional.of(new GradeRecord(exercise, passed, total, json.get("status").getAsString(),
                    Instant.parse(json.get("gradedAt").getAsString())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            log.debug("{} cannot be read ({}); exercise {} counts as not graded", file, e.toString(), exercise);
            return Optional.empty();
        }
    }

    /** Writes this record over the previous one of its exercise, atomically. */
    public void write(Path dataDir) throws IOException {
        JsonObject json = new JsonObject();
        json.addProperty("exercise", exercise);
        json.addProperty("passed", passed);
        json.addProperty("total", total);
        json.addProperty("status", status);
        json.addProperty("gradedAt", gradedAt.toString());
        Path target = file(dataDir, exercise);
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temporary, json + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * {@code report}, which also keeps the grading's outcome in {@code dataDir} when it ends. A record that
     * cannot be written is one line on stderr: the grading itself has still happened.
     */
    public static GradeReport recording(int exercise, Path dataDir, GradeReport report) {
        return new Recording(exercise, dataDir, report);
    }

    private static final class Recording implements GradeReport {
        private final int exercise;
        private final Path dataDir;
        private final GradeReport report;
        private int passed;
        private boolean error;

        Recording(int exercise, Path dataDir, GradeReport report) {
            this.exercise = exercise;
            this.dataDir = dataDir;
            this.report = report;
        }

        @Override
        public void heading(String text) {
            report.heading(text);
        }

        @Override
        public void line(String text) {
            report.line(text);
        }

        @Override
        public void starting(String check) {
            report.starting(check);
        }

        @Override
        public synchronized void result(CheckResult result) {
            if (result.passed()) {
                passed++;
            }
            report.result(result);
        }

        @Override
        public synchronized void error(String check, String message) {
            error = true;
            report.error(check, message);
        }

        @Override
        public void end() {
            report.end();
            GradeRecord record;
            synchronized (this) {
                int total = Grader.checkNames(exercise).size();
                record = of(exercise, passed, total, error, Instant.now());
            }
            try {
                record.write(dataDir);
            } catch (IOException | RuntimeException e) {
                System.err.println("(could not keep the result in " + file(dataDir, exercise) + ": " + e.getMessage() + ")");
            }
        }
    }
}
