package dev.notely.checks;

import dev.notely.store.AccountDetails;
import dev.notely.store.BackfillResult;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The time one check has spent inside the router's code: its constructors and every call, store calls
 * made from there included. This is the time the grader holds against the router. The check's own work
 * (opening stores, seeding notes, comparing answers) does not count, however slowly a busy machine runs
 * it, and while one of the interleaving check's threads waits for its turn only the other one's call is
 * running.
 */
final class ProxyTime {

    /** Per thread, how many timed calls it is inside: counted, so a timed call within another cannot end the outer one. */
    private final Map<Thread, Integer> depth = new HashMap<>();
    private final Set<Thread> waiting = new HashSet<>();
    private int running;
    private long runningSince;
    private long spent;

    /** {@code router}, with each call counted. */
    NoteRouter watch(NoteRouter router) {
        return new Watched(router);
    }

    /** The router under a watched one, such as its class is. */
    static NoteRouter unwatched(NoteRouter router) {
        return router instanceof Watched watched ? watched.router : router;
    }

    /** Runs {@code call}, counting it as the router's time. */
    <T> T time(Supplier<T> call) {
        enter();
        try {
            return call.get();
        } finally {
            exit();
        }
    }

    synchronized void enter() {
        Thread me = Thread.currentThread();
        if (depth.merge(me, 1, Integer::sum) == 1 && !waiting.contains(me)) {
            started();
        }
    }

    synchronized void exit() {
        Thread me = Thread.currentThread();
        if (depth.merge(me, -1, Integer::sum) == 0) {
            depth.remove(me);
            if (!waiting.contains(me)) {
                stopped();
            }
        }
    }

    /** The current thread stops running the router's code until {@link #resume()}, as it hands the turn over. */
    synchronized void pause() {
        Thread me = Thread.currentThread();
        if (waiting.add(me) && depth.containsKey(me)) {
            stopped();
        }
    }

    synchronized void resume() {
        Thread me = Thread.currentThread();
        if (waiting.remove(me) && depth.containsKey(me)) {
            started();
        }
    }

    /** Nanoseconds during which at least one of the check's threads was running the router's code. */
    synchronized long spentNanos() {
        return running > 0 ? spent + System.nanoTime() - runningSince : spent;
    }

    /** The threads running the router's code right now, to say where it is stuck. */
    synchronized List<Thread> runningThreads() {
        return depth.keySet().stream().filter(t -> !waiting.contains(t)).toList();
    }

    private void started() {
        if (running++ == 0) {
            runningSince = System.nanoTime();
        }
    }

    private void stopped() {
        if (--running == 0) {
            spent += System.nanoTime() - runningSince;
        }
    }

    private final class Watched implements NoteRouter {

        private final NoteRouter router;

        Watched(NoteRouter router) {
            this.router = router;
        }

        @Override
        public List<UUID> listNotes(AccountDetails account) {
            return time(() -> router.listNotes(account));
        }

        @Override
        public Optional<Note> getNote(AccountDetails account, UUID noteId) {
            return time(() -> router.getNote(account, noteId));
        }

        @Override
        public void createNote(AccountDetails account, Note note) {
            time(() -> {
                router.createNote(account, note);
                return null;
            });
        }

        @Override
        public boolean updateNote(AccountDetails account, Note note) {
            return time(() -> router.updateNote(account, note));
        }

        @Override
        public void deleteNote(AccountDetails account, UUID noteId) {
            time(() -> {
                router.deleteNote(account, noteId);
                return null;
            });
        }

        @Override
        public long countNotes(AccountDetails account) {
            return time(() -> router.countNotes(account));
        }

        @Override
        public long totalNotes() {
            return time(router::totalNotes);
        }

        @Override
        public void healthCheck() {
            time(() -> {
                router.healthCheck();
                return null;
            });
        }

        @Override
        public Optional<String> assignShard(UUID accountId) {
            return time(() -> router.assignShard(accountId));
        }

        @Override
        public BackfillResult backfill(AccountDetails account, Optional<UUID> after, int limit) {
            return time(() -> router.backfill(account, after, limit));
        }
    }
}
