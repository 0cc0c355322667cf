package dev.notely.store;

import java.util.Optional;
import java.util.UUID;

/** What a router offers beyond the calls every router answers, read from its class once, not from its failures. */
public final class RouterFeatures {

    private RouterFeatures() {
    }

    /**
     * Whether the router's class has a backfill of its own, rather than keeping {@link NoteRouter}'s
     * default, which says there is none (an exercise's start stage).
     */
    public static boolean hasBackfill(NoteRouter router) {
        try {
            return router.getClass().getMethod("backfill", AccountDetails.class, Optional.class, int.class)
                    .getDeclaringClass() != NoteRouter.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("NoteRouter.backfill is gone: " + e.getMessage(), e);
        }
    }

    /** Says a router has no such call; {@link #hasBackfill} tells beforehand. */
    public static UnsupportedOperationException noBackfill() {
        return new UnsupportedOperationException("this DataProxy has no backfill");
    }
}
