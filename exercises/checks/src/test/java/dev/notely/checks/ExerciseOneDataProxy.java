package dev.notely.checks;

import dev.notely.store.NoteStores;
import java.util.Set;

/**
 * Exercise 1 done right, with the constructor a {@code DataProxy} has, so it can be graded the way
 * {@code --grade} grades one: by its class name, from a class folder.
 */
final class ExerciseOneDataProxy extends ForwardingRouter {

    public ExerciseOneDataProxy(NoteStores stores) {
        super(new MovingRouter(stores, ExerciseOne.MOVE, Set.of()));
    }
}
