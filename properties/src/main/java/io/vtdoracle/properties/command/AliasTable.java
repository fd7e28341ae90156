package io.vtdoracle.properties.command;

import io.vtdoracle.guest.Domain;

/**
 * The guest points a not-present second-level entry of domain {@code did} (the one that translates {@code iova} at
 * {@code level}) at the table another entry points to (the one that translates {@code from} at {@code fromLevel}):
 * it writes a copy of that entry, so one table is reached at two levels, as an OS's recursive "self-map" does
 * (VT-d §3.7: a walk just reads each table as the level it reaches it at). {@code set} false clears the copy
 * again. Nothing happens when a path is not present, when the entry is present (set) or is not that copy (clear),
 * or when the other entry is no table pointer. The caller sends the invalidation.
 */
public record AliasTable(int did, long iova, int level, long from, int fromLevel, boolean set) implements Command {

    @Override
    public void issue(GuestView view) {
        if (!writes(view)) {
            return;
        }
        long at = LivePte.address(view, did, iova, level);
        view.tamperTables();
        view.dirt().leaves(did, 0, Long.MAX_VALUE);
        view.driver().writeWord(at, set ? view.driver().readWord(LivePte.address(view, did, from, fromLevel)) : 0);
    }

    /** Whether issuing it now changes the entry (see the class comment for when it does not). */
    public boolean writes(GuestView view) {
        Domain domain = view.domains().get(did);
        if (domain == null || level > domain.levels() || fromLevel > domain.levels() || fromLevel < 2) {
            return false;
        }
        long at = LivePte.address(view, did, iova, level);
        long source = LivePte.address(view, did, from, fromLevel);
        if (at < 0 || source < 0 || at == source) {
            return false;
        }
        var driver = view.driver();
        long pointer = driver.readWord(source);
        if ((pointer & 3) == 0 || (pointer & 0x80) != 0) {
            return false;
        }
        long entry = driver.readWord(at);
        return set ? (entry & 3) == 0 : entry == pointer;
    }

    @Override
    public String toString() {
        return String.format("%s d%d pte at 0x%x level %d %s the table of pte at 0x%x level %d",
                set ? "point" : "clear", did, iova, level, set ? "at" : "copy of", from, fromLevel);
    }
}
