package dev.notely.api;

import java.util.Map;

/**
 * Each note store's state for {@code GET /healthz} (SPEC §17): {@code "ok"}, or what is wrong with it and
 * since when it matters ({@code "unavailable: …"}, {@code "failing writes: …"}). Implemented by the app,
 * which holds handles on every store; cheap enough to ask on every health check.
 */
public interface StoreHealth {

    /** Nothing known about the stores: the health check reports none. */
    StoreHealth NONE = Map::of;

    String OK = "ok";

    /** Store name to state, in the stores' order. */
    Map<String, String> states();
}
