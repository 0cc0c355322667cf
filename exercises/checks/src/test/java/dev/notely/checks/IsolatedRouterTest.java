package dev.notely.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.proxy.counted.CountedRouter;
import dev.notely.store.AccountDetails;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStores;
import dev.notely.store.StoreRouter;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A router built as another proxy process would have it shares no static state with the first: its
 * package is loaded again, and it works on store handles of its own. A router whose class cannot be
 * loaded again comes from the factory instead.
 */
class IsolatedRouterTest {

    /** The number a {@link CountedRouter} gives itself, from its own loaded class's count. */
    private static int number(NoteRouter router) {
        String said = ProxyTime.unwatched(router).toString();
        assertTrue(said.matches("instance \\d+ of its class"), said);
        return Integer.parseInt(said.split(" ")[1]);
    }

    @Test
    void aRouterLoadedAgainCountsItsInstancesAfresh() throws Exception {
        try (Fixture f = new Fixture(CountedRouter::new)) {
            NoteRouter first = f.router();
            NoteRouter second = f.router();
            assertEquals(number(first) + 1, number(second), "two instances of one loaded class share its count");

            NoteRouter isolated = f.isolatedRouter(first);
            NoteRouter another = f.isolatedRouter(first);

            assertEquals(1, number(isolated), "an isolated copy's class counts from the start");
            assertEquals(1, number(another), "each isolated copy has a class of its own");
            Class<?> type = ProxyTime.unwatched(isolated).getClass();
            assertEquals(CountedRouter.class.getName(), type.getName());
            assertNotSame(CountedRouter.class, type);
            assertNotSame(type, ProxyTime.unwatched(another).getClass());
        }
    }

    @Test
    void aRouterLoadedAgainWorksOnTheSameStores() throws Exception {
        try (Fixture f = new Fixture(CountedRouter::new)) {
            NoteRouter isolated = f.isolatedRouter(f.router());
            AccountDetails account = Fixture.account(false, null);
            Note note = Fixture.note(account, "from another process", Fixture.T0);

            isolated.createNote(account, note);

            assertEquals(List.of(note.id()), f.store(NoteStores.NEW).listNotes(account.accountId()));
        }
    }

    @Test
    void aRouterWhoseClassCannotBeLoadedAgainComesFromTheFactory() throws Exception {
        AtomicInteger built = new AtomicInteger();
        // ForwardingRouter has no public constructor taking NoteStores.
        try (Fixture f = new Fixture(stores -> {
            built.incrementAndGet();
            return new ForwardingRouter(new StoreRouter(stores.open(NoteStores.NEW)));
        })) {
            NoteRouter isolated = f.isolatedRouter(f.router());

            assertEquals(2, built.get(), "the factory built the second instance too");
            assertSame(ForwardingRouter.class, ProxyTime.unwatched(isolated).getClass());
        }
    }

    @Test
    void aRouterOfAClassMadeAtRunTimeComesFromTheFactory() throws Exception {
        AtomicInteger built = new AtomicInteger();
        // A dynamic proxy, as a mocking library makes: its class has no class file to load again.
        try (Fixture f = new Fixture(stores -> {
            built.incrementAndGet();
            NoteRouter router = new StoreRouter(stores.open(NoteStores.NEW));
            return (NoteRouter) Proxy.newProxyInstance(NoteRouter.class.getClassLoader(), new Class<?>[] {NoteRouter.class},
                    (proxy, method, args) -> method.invoke(router, args));
        })) {
            NoteRouter first = f.router();
            NoteRouter isolated = f.isolatedRouter(first);

            assertEquals(2, built.get(), "the factory built the second instance too");
            assertSame(ProxyTime.unwatched(first).getClass(), ProxyTime.unwatched(isolated).getClass());
        }
    }

    @Test
    void onceLoadedAgainNoThreadCountsAsRunningTheRoutersCode() throws Exception {
        try (Fixture f = new Fixture(CountedRouter::new)) {
            f.isolatedRouter(f.router());

            assertEquals(List.of(), f.proxyTime().runningThreads());
        }
    }
}
