package dev.notely.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The last save and what became of it ({@code GET /checks}, the dashboard's Exercise line and page).
 *
 * @param state        {@code idle}, {@code compiling}, {@code compile-error}, {@code checking} or {@code done}
 * @param savedAt      when the sources last changed; empty before the first save
 * @param checkedAt    when the last check run ended
 * @param compileError the first compile error of the last save, while the sources do not compile
 * @param checks       every check of the exercise, in the order they run
 * @param note         one line for a person when something else needs saying (the loop is off, a run failed)
 */
public record ChecksStatus(int exercise, String state, Optional<Instant> savedAt, Optional<Instant> checkedAt,
                           Optional<CompileError> compileError, List<Check> checks, Optional<String> note) {

    public static final String IDLE = "idle";
    public static final String COMPILING = "compiling";
    public static final String COMPILE_ERROR = "compile-error";
    public static final String CHECKING = "checking";
    public static final String DONE = "done";

    public ChecksStatus {
        checks = List.copyOf(checks);
    }

    public static ChecksStatus idle(int exercise, String note) {
        return new ChecksStatus(exercise, IDLE, Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                Optional.ofNullable(note));
    }

    public long passed() {
        return checks.stream().filter(c -> c.status().equals(Check.PASS)).count();
    }

    public int total() {
        return checks.size();
    }

    /** The first check not passed, once it has a verdict: what to work on next. */
    public Optional<Check> next() {
        return checks.stream().filter(c -> c.status().equals(Check.FAIL) || c.status().equals(Check.ERROR)).findFirst();
    }

    /**
     * @param file       relative to the kit folder
     * @param sourceLine the offending line as it is in the file, empty when it cannot be read
     */
    public record CompileError(String file, long line, String message, String sourceLine) {
    }

    /** @param status {@code pass}, {@code fail}, {@code error} or {@code pending} */
    public record Check(String name, String status, String message) {
        public static final String PASS = "pass";
        public static final String FAIL = "fail";
        public static final String ERROR = "error";
        public static final String PENDING = "pending";
    }
}
