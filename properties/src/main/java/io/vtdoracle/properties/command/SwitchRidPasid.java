package io.vtdoracle.properties.command;

import io.vtdoracle.api.SourceId;
import java.util.List;

/**
 * A guest that gives device {@code source} another RID_PASID (context entry w1 19:0, §9.4), as a driver using a
 * PASID other than Linux's 0 for requests without PASID would: it writes that PASID's entry for the device's
 * domain-id, pointing at {@code entry}'s translation, in the PASID table of PASID 0 for a PASID below 64, otherwise
 * in a table of its own under its directory entry (made present); a PASID of {@link #UNTABLED} gets no entry. Then
 * the context entry's RID_PASID, then the invalidations of the device's context-cache entry and of the PASID cache
 * (§6.5.3.3); the domain's IOTLB only if {@code iotlbFlushed}. IOTLB entries found through the old RID_PASID may
 * stay cached but never answer the new one (§6.2.3: tagged by DID and PASID). PASID 0 puts the device back on the
 * RID_PASID entry the guest keeps.
 *
 * @param other the domain whose tables {@link Entry#OTHER_TABLES} uses
 */
public record SwitchRidPasid(SourceId source, int pasid, Entry entry, int other, boolean iotlbFlushed)
        implements Command {

    /** What PASID-table entry {@code pasid} translates with, under the device's domain-id (§9.6). */
    public enum Entry {
        /** Another domain's first- or second-stage tables (its PGTT too). */
        OTHER_TABLES,
        /** Fresh, empty tables of the device's domain's stage: every walk faults. */
        EMPTY_TABLES,
        /** PGTT = 100b (5Bh where ECAP.PT is 0). */
        PASS_THROUGH
    }

    /** The RID_PASID field of context entry w1 (§9.4). */
    private static final long RID_PASID = 0xFFFFF;
    /** The highest PASID given an entry of its own table: below the directory entries of {@link #UNTABLED}. */
    public static final int TABLED_LAST = 0x1FBF;
    /**
     * RID_PASIDs without an entry, for the guest's directory of 2^(PDTS + 7) = 512 entries (§9.4): 8191 and 8192
     * (the end of a directory with PDTS = 0 lies between them), its last PASID 32767 (51h) and the first beyond it
     * 32768 (48h).
     */
    public static final List<Integer> UNTABLED = List.of(0x1FFF, 0x2000, 0x7FFF, 0x8000);

    public static SwitchRidPasid back(SourceId source, boolean iotlbFlushed) {
        return new SwitchRidPasid(source, 0, Entry.OTHER_TABLES, 0, iotlbFlushed);
    }

    @Override
    public void issue(GuestView view) {
        if (!view.scalable()) {
            return;
        }
        ScalableTables tables = view.scalableTables();
        Integer attached = view.attached().get(source);
        int did = attached == null ? 0 : attached;
        if (pasid != 0 && !UNTABLED.contains(pasid)) {
            long[] words = switch (entry) {
                case OTHER_TABLES -> tables.pasidEntryFor(view.domain(other));
                case EMPTY_TABLES -> tables.pasidEntryFor(tables.createDomain(did));
                case PASS_THROUGH -> tables.passThroughEntry(did);
            };
            words[1] = did & 0xFFFF;
            tables.writeEntry(tables.pasidEntry(source, pasid), words);
            view.dirt().pasidChanged(source, did, did);
        }
        long w1 = tables.contextEntry(source) + 8;
        long old = view.driver().readWord(w1);
        view.dirt().context(source);
        view.driver().writeWord(w1, (old & ~RID_PASID) | (pasid & RID_PASID));
        view.invalidate(Invalidation.contextDevice(did, source), view.path());
        view.invalidate(Invalidation.pasidCacheGlobal(), view.path());
        if (iotlbFlushed) {
            view.invalidate(Invalidation.iotlbDomain(did), view.path());
        }
    }

    @Override
    public String toString() {
        if (pasid == 0) {
            return "rid-pasid " + source + " := 0" + (iotlbFlushed ? "" : " (no IOTLB flush)");
        }
        String to = UNTABLED.contains(pasid) ? "no entry" : entry == Entry.OTHER_TABLES ? "tables of d" + other
                : entry == Entry.EMPTY_TABLES ? "empty tables" : "pass-through";
        return String.format("rid-pasid %s := %d (%s)%s", source, pasid, to,
                iotlbFlushed ? "" : " (no IOTLB flush)");
    }
}
