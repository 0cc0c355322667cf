package dev.notely.app.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.api.ChecksStatus;
import dev.notely.app.Await;
import dev.notely.app.ControllerFixture;
import dev.notely.app.deploy.KitClasspath;
import dev.notely.app.deploy.ProxyCompiler;
import dev.notely.app.grading.GradeRecord;
import dev.notely.app.grading.StageInstaller;
import dev.notely.checks.Grader;
import dev.notely.store.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The save loop on real files, a real watcher and real grading JVMs: saves written the way editors
 * write them (in place, and through a temporary file and a rename) are compiled and checked.
 */
class SaveLoopTest {

    private static final Path KIT = ControllerFixture.KIT_ROOT;
    /** A whole exercise 1 run on a loaded 2-core machine, with room to spare. */
    private static final Duration CHECKS = Duration.ofSeconds(180);

    @TempDir
    Path tmp;

    private Path sources;
    private Path router;
    private Path dataDir;
    private final AtomicInteger deploys = new AtomicInteger();
    private SaveLoop loop;

    @BeforeEach
    void copyStage() throws IOException {
        sources = tmp.resolve("src");
        router = sources.resolve(ProxyCompiler.ROUTER_SOURCE);
        Files.createDirectories(router.getParent());
        Files.copy(StageInstaller.stageSources(KIT, "exercise1-start").resolve(ProxyCompiler.ROUTER_SOURCE), router);
        dataDir = tmp.resolve("data");
        Files.createDirectories(dataDir);
    }

    @AfterEach
    void stop() {
        if (loop != null) {
            loop.close();
        }
    }

    private SaveLoop start(Optional<Integer> exercise) throws IOException {
        loop = new SaveLoop(new ProxyCompiler(sources, KitClasspath.current(), tmp), KIT, dataDir, exercise,
                deploys::incrementAndGet);
        loop.start(sources);
        loop.checkNow();
        return loop;
    }

    private ChecksStatus await(String what, Predicate<ChecksStatus> condition) {
        Await.until(CHECKS, what + " (last: " + loop.status() + ")", () -> condition.test(loop.status()));
        return loop.status();
    }

    private static boolean done(ChecksStatus s) {
        return s.state().equals(ChecksStatus.DONE);
    }

    /** As editors that save safely do: the whole file to a temporary one, renamed over the old. */
    private void saveByRename(String text) throws IOException {
        Path temporary = router.resolveSibling("DataProxy.java.swp");
        Files.writeString(temporary, text);
        Files.move(temporary, router, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aSaveIsCompiledThenCheckedAndACompileErrorSaysWhereWithTheSourceLine() throws IOException {
        start(Optional.empty());
        ChecksStatus first = await("the first check run", SaveLoopTest::done);
        assertEquals(1, first.exercise());
        assertEquals(Grader.checkNames(1), first.checks().stream().map(ChecksStatus.Check::name).toList());
        assertTrue(first.passed() > 0 && first.passed() < first.total(), first.toString());
        assertTrue(first.next().isPresent(), "the start stage says what to work on next");
        assertTrue(first.checks().stream().noneMatch(c -> c.status().equals(ChecksStatus.Check.PENDING)), first.toString());

        String good = Files.readString(router);
        String broken = good.replaceFirst("return legacy\\.getNote\\(account\\.accountId\\(\\), noteId\\);",
                "return legacy.getNote(account.accountId(), noteId)");
        saveByRename(broken);
        ChecksStatus error = await("the compile error", s -> s.state().equals(ChecksStatus.COMPILE_ERROR));
        ChecksStatus.CompileError e = error.compileError().orElseThrow();
        assertTrue(e.file().endsWith("DataProxy.java"), e.toString());
        long line = broken.lines().takeWhile(l -> !l.contains("return legacy.getNote(account.accountId(), noteId)")).count() + 1;
        assertEquals(line, e.line(), e.toString());
        assertEquals("';' expected", e.message());
        assertEquals("return legacy.getNote(account.accountId(), noteId)", e.sourceLine().strip());

        Files.writeString(router, good); // in place, as most editors save
        ChecksStatus fixed = await("the checks after the fix", s -> done(s) && s.savedAt().get().isAfter(error.savedAt().get()));
        assertEquals(first.passed(), fixed.passed());
        assertTrue(fixed.compileError().isEmpty());
        assertEquals(2, deploys.get(), "a save that compiles runs the deploy hook once (a no-op unless --deploy-on-save)");
    }

    @Test
    void theCompleteStagePassesAndAStormOfSavesEndsInOneVerdictForTheLast() throws IOException {
        start(Optional.of(1));
        await("the first check run", SaveLoopTest::done);
        String complete = Files.readString(StageInstaller.stageSources(KIT, "exercise1-complete")
                .resolve(ProxyCompiler.ROUTER_SOURCE));
        String start = Files.readString(router);
        for (int i = 0; i < 50; i++) { // 50 saves as fast as they go; the last one is the complete stage
            saveByRename((i % 2 == 0 ? start : complete) + "\n// save " + i + "\n");
        }
        saveByRename(complete);
        ChecksStatus last = await("every check of the complete stage passing",
                s -> done(s) && s.passed() == s.total() && s.total() == Grader.checkNames(1).size());
        assertTrue(last.note().isEmpty(), last.toString());
        Files.writeString(sources.resolve("notes.txt"), "not Java"); // not a save of the proxy: nothing changes
        assertEquals(last, loop.status());
        // Kept where --grade keeps its own, so a kit in a room reports what the dashboard shows.
        GradeRecord record = GradeRecord.read(dataDir).stream().filter(r -> r.exercise() == 1).findFirst().orElseThrow();
        assertEquals(List.of(12, 12, "pass"), List.of(record.passed(), record.total(), record.status()));
    }

    @Test
    void aSaveInTheMiddleOfACheckRunCancelsItAndTheNewerSaveDecides() throws IOException {
        start(Optional.of(1));
        await("the first check run", SaveLoopTest::done);
        String start = Files.readString(router);
        String complete = Files.readString(StageInstaller.stageSources(KIT, "exercise1-complete")
                .resolve(ProxyCompiler.ROUTER_SOURCE));
        saveByRename(complete);
        ChecksStatus midway = await("a check run of the complete stage with some verdicts in, still running",
                s -> s.state().equals(ChecksStatus.CHECKING) && s.checks().stream()
                        .anyMatch(c -> c.status().equals(ChecksStatus.Check.PASS)));
        saveByRename(start + "\n// saved again before the checks were done\n");
        ChecksStatus last = await("the verdict of the newer save",
                s -> done(s) && s.savedAt().get().isAfter(midway.savedAt().get()));
        // The start stage's verdict, not the complete stage's: the older run was cancelled, not merged in.
        assertTrue(last.passed() < last.total(), last.toString());
        assertTrue(last.note().isEmpty(), "a cancelled run is not a failed one: " + last);
        assertTrue(last.checks().stream().noneMatch(c -> c.status().equals(ChecksStatus.Check.ERROR)), last.toString());
        GradeRecord record = GradeRecord.read(dataDir).stream().filter(r -> r.exercise() == 1).findFirst().orElseThrow();
        assertEquals(last.passed(), record.passed());
    }

    @Test
    void aMissingDataProxyIsOneClearLineAndTheExerciseIsRemembered() throws IOException {
        start(Optional.of(2));
        assertEquals("{\"exercise\":2}", Files.readString(dataDir.resolve(ExerciseChoice.FILE)));
        await("the first check run", s -> done(s) && s.total() == Grader.checkNames(2).size());
        Files.delete(router);
        ChecksStatus missing = await("the missing file", s -> s.state().equals(ChecksStatus.COMPILE_ERROR));
        assertTrue(missing.compileError().orElseThrow().message().startsWith("no proxy source at "),
                missing.compileError().toString());
        loop.setExercise(3);
        assertEquals(3, loop.status().exercise());
        try {
            loop.setExercise(4);
            throw new AssertionError("exercise 4 was taken");
        } catch (InvalidInputException e) {
            assertEquals("exercise must be 1, 2 or 3, not 4", e.getMessage());
        }
        loop.close();
        loop = null;
        // The next start, without --exercise, checks against the exercise chosen last.
        assertEquals(Optional.of(3), new ExerciseChoice(dataDir).read());
        SaveLoop again = new SaveLoop(new ProxyCompiler(sources, KitClasspath.current(), tmp), KIT, dataDir,
                Optional.empty(), () -> { });
        try {
            assertEquals(3, again.status().exercise());
            assertFalse(again.hints().isEmpty(), "exercise 3 has hint steps");
        } finally {
            again.close();
        }
    }
}
