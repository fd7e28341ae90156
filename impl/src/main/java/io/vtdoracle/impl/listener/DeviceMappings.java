package io.vtdoracle.impl.listener;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.impl.dma.ContextReader;
import io.vtdoracle.impl.memory.GuestMemory;
import io.vtdoracle.impl.state.RemappingState;
import io.vtdoracle.impl.table.ContextEntry;
import io.vtdoracle.impl.table.SlPte;

/**
 * The mappings of a device as guest memory says now (contract §7.1): a fresh root and context read, then a walk of
 * the second-level tables that descends only into present, valid entries whose range meets the requested ranges
 * and skips everything else (non-present subtrees, unreadable tables, reserved bits, entries without rights).
 */
final class DeviceMappings {

    private final GuestMemory memory;
    private final RemappingState state;
    private final ContextReader contextReader;
    private final int aw;
    private final long hawMask;
    private final boolean superpages;
    private boolean resolved;
    private long lo;
    private long hi;

    DeviceMappings(Capabilities capabilities, GuestMemory memory, RemappingState state,
                   ContextReader contextReader) {
        this.memory = memory;
        this.state = state;
        this.contextReader = contextReader;
        this.aw = capabilities.addressWidth();
        this.hawMask = (1L << aw) - 1;
        this.superpages = capabilities.superpages();
    }

    /** Reads the context entry of {@code sid} fresh; whether it is present and valid. */
    boolean resolve(int sid) {
        resolved = contextReader.read(sid) == ContextReader.OK;
        lo = contextReader.lo();
        hi = contextReader.hi();
        return resolved;
    }

    /** The DID of the context entry last resolved, -1 if it did not resolve. */
    int domainId() {
        return resolved ? ContextEntry.domainId(hi) : -1;
    }

    /** Whether the device last resolved is in the IDENTITY view: TE = 0 or a pass-through context entry. */
    boolean identity() {
        return !state.translationEnabled()
                || resolved && ContextEntry.translationType(lo) == ContextEntry.TT_PASS_THROUGH;
    }

    /**
     * Appends to {@code out} the leaves of the device last resolved that meet both {@code first..last} and
     * {@code hullFirst..hullLast}, in ascending IOVA; none in the IDENTITY view or when it did not resolve.
     */
    void collect(long first, long last, long hullFirst, long hullLast, LeafList out) {
        if (!resolved || identity()) {
            return;
        }
        walk(ContextEntry.secondLevelPointer(lo), ContextEntry.levels(hi), SlPte.READ | SlPte.WRITE, 0,
                first, last, hullFirst, hullLast, out);
    }

    private void walk(long table, int level, int rights, long tableIova, long first, long last, long hullFirst,
                      long hullLast, LeafList out) {
        if (!memory.contains(table, 0)) {
            return;
        }
        int shift = SlPte.shift(level);
        long tableLast = tableIova + ((long) SlPte.ENTRIES << shift) - 1;
        if (!Pieces.meet(first, last, tableIova, tableLast)
                || !Pieces.meet(hullFirst, hullLast, tableIova, tableLast)) {
            return;
        }
        int from = Math.max(index(Pieces.max(first, tableIova), tableIova, shift),
                index(Pieces.max(hullFirst, tableIova), tableIova, shift));
        int to = Math.min(index(Pieces.min(last, tableLast), tableIova, shift),
                index(Pieces.min(hullLast, tableLast), tableIova, shift));
        for (int i = from; i <= to; i++) {
            long pte = memory.read(table + (long) i * 8);
            int entryRights = rights & SlPte.rights(pte);
            if (entryRights == 0 || SlPte.reservedSet(pte, level, aw, superpages)) {
                continue;
            }
            long iova = tableIova + ((long) i << shift);
            if (SlPte.leaf(pte, level)) {
                out.add(iova, (1L << shift) - 1, SlPte.address(pte, hawMask), entryRights);
            } else {
                walk(SlPte.address(pte, hawMask), level - 1, entryRights, iova, first, last, hullFirst, hullLast,
                        out);
            }
        }
    }

    private static int index(long address, long tableIova, int shift) {
        return (int) ((address - tableIova) >>> shift);
    }
}
