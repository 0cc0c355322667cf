package dev.notely.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.proxy.EndlessListRouter;
import dev.notely.store.AccountDetails;
import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStores;
import dev.notely.store.StoreRouter;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How the grader copes with routers that misbehave beyond giving wrong answers. */
class GraderTest {

    private static final Duration LIMIT = Duration.ofSeconds(1);
    private static final AccountDetails ACCOUNT = Fixture.account(false, null);

    @BeforeAll
    static void loadSqlite() throws Exception {
        // The first store opened in a JVM loads SQLite's native library; keep that out of the time limit.
        try (Fixture warmUp = new Fixture(stores -> null)) {
            warmUp.store(NoteStores.LEGACY).healthCheck();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCheckThatNeverFinishesIsReportedAndGradingMovesOn() {
        List<CheckResult> results = Grader.grade(GradeRun.of(1, EndlessListRouter::new).withTimeLimit(LIMIT));

        assertEquals(Grader.checkNames(1), results.stream().map(CheckResult::name).toList(), "every check ran");
        Map<String, CheckResult> byName = results.stream().collect(Collectors.toMap(CheckResult::name, Function.identity()));
        for (String stuck : List.of("non-migrating accounts stay on legacy", "list is the union of both stores, each note once",
                "two versions interleaved lose no acknowledged write")) {
            String reason = byName.get(stuck).reason();
            assertTrue(reason.startsWith("did not finish within 1 s — an endless loop? (at EndlessListRouter.java:"),
                    stuck + ": " + reason);
        }
        String finished = byName.get("creates land in new while migrating").reason();
        assertEquals("a note created for a migrating account is not in new", finished, "checks that do not list run normally");

        List<Thread> stranded = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("check ") && t.isAlive()).toList();
        // Grading came back while they still run: it gave up on them instead of waiting.
        assertFalse(stranded.isEmpty(), "the endless calls are still running");
        assertTrue(stranded.stream().allMatch(Thread::isDaemon), "stranded threads must not keep the JVM alive: " + stranded);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCheckHeldUpInItsOwnWorkPastTheLimitIsNotFailedForIt() {
        Check slow = new Check("slow to set up", f -> {
            heldUp();
            NoteRouter router = f.router();
            router.createNote(ACCOUNT, Fixture.note(ACCOUNT, "hello", Fixture.T0));
            Check.expect(router.listNotes(ACCOUNT).size() == 1, "the note is not listed");
        });

        CheckResult result = Grader.run(slow, stores -> new StoreRouter(stores.open(NoteStores.LEGACY)), LIMIT);

        assertTrue(result.passed(), "the router did nothing wrong, however slow the check was: " + result.reason());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCheckThatReachesAnEndlessLoopOnlyAfterTheLimitIsReportedWhereItLoops() {
        Check slow = new Check("slow to set up", f -> {
            heldUp();
            f.router().listNotes(ACCOUNT);
        });

        CheckResult result = Grader.run(slow, EndlessListRouter::new, LIMIT);

        assertTrue(result.reason().startsWith("did not finish within 1 s — an endless loop? (at EndlessListRouter.java:"),
                result.reason());
    }

    /** Stands for the kit's own work (opening stores, seeding notes) on a busy machine, still going at the limit. */
    private static void heldUp() throws InterruptedException {
        Thread.sleep(LIMIT.multipliedBy(2).toMillis());
    }

    @Test
    void oneCheckCanBeRunByItsNameAsTheGradingRunsIt() {
        CheckResult result = Grader.gradeOne(1, "creates land in new while migrating",
                stores -> new StoreRouter(stores.open(NoteStores.LEGACY)), Duration.ofMinutes(1));

        assertEquals(new CheckResult("creates land in new while migrating", false,
                "a note created for a migrating account is not in new"), result);
        assertEquals("exercise 2 has no check named 'counts are wrong'", assertThrows(IllegalArgumentException.class,
                () -> Grader.gradeOne(2, "counts are wrong", stores -> null, LIMIT)).getMessage());
    }

    /** Constructors as an attendee might write them, for {@link Grader#routerFactory}. */
    public static final class UncheckedConstructor extends StoreRouter {
        public UncheckedConstructor(NoteStores stores) {
            super(stores.open("nowhere"));
            throw new IllegalArgumentException("no store called nowhere");
        }
    }

    public static final class ErrorConstructor extends StoreRouter {
        public ErrorConstructor(NoteStores stores) {
            super(stores.open(NoteStores.LEGACY));
            throw new ExceptionInInitializerError("static state");
        }
    }

    public static final class CheckedConstructor extends StoreRouter {
        public CheckedConstructor(NoteStores stores) throws IOException {
            super(stores.open(NoteStores.LEGACY));
            throw new IOException("config file missing");
        }
    }

    public static final class NotARouter {
        public NotARouter(NoteStores stores) {
        }
    }

    @Test
    void whatAConstructorThrowsComesOutAsItselfAndAClassThatIsNoRouterIsNamed() {
        ClassLoader loader = GraderTest.class.getClassLoader();
        NoteStores stores = name -> null;
        assertEquals("no store called nowhere", assertThrows(IllegalArgumentException.class,
                () -> Grader.routerFactory(loader, UncheckedConstructor.class.getName()).apply(stores)).getMessage());
        assertEquals("static state", assertThrows(ExceptionInInitializerError.class,
                () -> Grader.routerFactory(loader, ErrorConstructor.class.getName()).apply(stores)).getMessage());
        IllegalStateException checked = assertThrows(IllegalStateException.class,
                () -> Grader.routerFactory(loader, CheckedConstructor.class.getName()).apply(stores));
        assertEquals("config file missing", checked.getCause().getMessage());
        IllegalStateException notARouter = assertThrows(IllegalStateException.class,
                () -> Grader.routerFactory(loader, NotARouter.class.getName()).apply(stores));
        assertTrue(notARouter.getMessage().startsWith("cannot construct " + NotARouter.class.getName() + ": "
                + "java.lang.ClassCastException"), notARouter.getMessage());
    }

    @Test
    void anErrorTheRouterThrowsFailsTheCheckAndNamesIt() {
        Check listing = new Check("lists", f -> f.router().listNotes(ACCOUNT));

        CheckResult result = Grader.run(listing, stores -> new StoreRouter(stores.open(NoteStores.LEGACY)) {
            @Override
            public List<java.util.UUID> listNotes(AccountDetails account) {
                throw new AssertionError("unreachable, they said");
            }
        }, LIMIT);

        assertFalse(result.passed());
        assertTrue(result.reason().startsWith("DataProxy threw AssertionError: unreachable, they said"), result.reason());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void gradingThatIsInterruptedSaysSoAndKeepsTheInterrupt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Check waiting = new Check("waits", f -> {
            started.countDown();
            never.await();
        });
        AtomicReference<CheckResult> result = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread grading = new Thread(() -> {
            result.set(Grader.run(waiting, stores -> null, Duration.ofMinutes(1)));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        grading.start();
        started.await();
        grading.interrupt();
        grading.join();

        assertEquals(new CheckResult("waits", false, "grading was interrupted"), result.get());
        assertTrue(stillInterrupted.get(), "whoever interrupted the grading can still see it");
    }

    @Test
    void limitsAreWrittenAsPeopleSayThem() {
        assertEquals("10 s", Grader.describe(Grader.TIME_LIMIT));
        assertEquals("1 s", Grader.describe(LIMIT));
        assertEquals("250 ms", Grader.describe(Duration.ofMillis(250)));
    }
}
