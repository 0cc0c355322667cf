package dev.notely.store;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where an account is in exercise 3's staged migration from {@code legacy} to {@code new}: the stage
 * table of the handbook, as data. Every stage but the last can be undone by going back one.
 *
 * <table>
 *   <caption>The stages</caption>
 *   <tr><th>stage</th><th>reads from</th><th>writes to</th><th>shadow comparison</th></tr>
 *   <tr><td>off</td><td>legacy</td><td>legacy</td><td>no</td></tr>
 *   <tr><td>dual-write</td><td>legacy</td><td>legacy, then new</td><td>no</td></tr>
 *   <tr><td>shadow</td><td>legacy, and new in the shadow</td><td>legacy, then new</td><td>yes</td></tr>
 *   <tr><td>live</td><td>new, and legacy in the shadow</td><td>new, then legacy</td><td>yes</td></tr>
 *   <tr><td>ramp-down</td><td>new</td><td>new, then legacy</td><td>no</td></tr>
 *   <tr><td>complete</td><td>new</td><td>new</td><td>no</td></tr>
 * </table>
 * The store that is read is the authoritative one: its write decides the answer; a failed write to the
 * other is logged and counted, never shown to the user.
 */
public enum MigrationStage {

    // The JSON names are the labels, in the API and between the app and its proxies alike (see wire.Json).
    OFF("off", NoteStores.LEGACY, false, false),
    DUAL_WRITE("dual-write", NoteStores.LEGACY, true, false),
    SHADOW("shadow", NoteStores.LEGACY, true, true),
    LIVE("live", NoteStores.NEW, true, true),
    RAMP_DOWN("ramp-down", NoteStores.NEW, true, false),
    COMPLETE("complete", NoteStores.NEW, false, false);

    private final String label;
    private final String authoritative;
    private final boolean writesBoth;
    private final boolean shadowReads;

    MigrationStage(String label, String authoritative, boolean writesBoth, boolean shadowReads) {
        this.label = label;
        this.authoritative = authoritative;
        this.writesBoth = writesBoth;
        this.shadowReads = shadowReads;
    }

    /** The stage's name in the API, the dashboard and {@code accounts.db}, such as {@code dual-write}. */
    public String label() {
        return label;
    }

    /** The store reads come from and whose write decides the answer. */
    public String authoritative() {
        return authoritative;
    }

    /** The other store of the migration. */
    public String secondary() {
        return authoritative.equals(NoteStores.LEGACY) ? NoteStores.NEW : NoteStores.LEGACY;
    }

    /** Whether writes, deletes included, reach the secondary store too (after the authoritative one). */
    public boolean writesBoth() {
        return writesBoth;
    }

    /** Whether reads are repeated on the secondary store and compared, without changing the answer. */
    public boolean shadowReads() {
        return shadowReads;
    }

    /** The stage after this one; empty for {@code complete}. */
    public Optional<MigrationStage> next() {
        return this == COMPLETE ? Optional.empty() : Optional.of(values()[ordinal() + 1]);
    }

    /** The stage before this one; empty for {@code off}, and for {@code complete}, which cannot be undone. */
    public Optional<MigrationStage> previous() {
        return this == OFF || this == COMPLETE ? Optional.empty() : Optional.of(values()[ordinal() - 1]);
    }

    /**
     * The stage called {@code label}.
     *
     * @throws IllegalArgumentException naming the stages there are
     */
    public static MigrationStage parse(String label) {
        for (MigrationStage stage : values()) {
            if (stage.label.equals(label)) {
                return stage;
            }
        }
        throw new IllegalArgumentException("unknown stage '" + label + "': expected one of "
                + Arrays.stream(values()).map(MigrationStage::label).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return label;
    }
}
