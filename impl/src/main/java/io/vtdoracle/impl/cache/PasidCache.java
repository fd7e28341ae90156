package io.vtdoracle.impl.cache;

/**
 * The PASID cache (VT-d §6.2.2, contract §9.9): for each source-id the last valid PASID-table entry a request
 * reached through its context entry's RID_PASID, tagged by that PASID and the entry's DID, with the PASID
 * directory entry's FPD. Requests without PASID only ever reach a source-id's RID_PASID, so one entry per
 * source-id is kept (a request through another RID_PASID replaces it). Per-bus primitive arrays allocated on first
 * use, valid as {@link SourceIdGenerations} says: a global invalidation is one increment, the others scan the
 * allocated buses.
 */
public final class PasidCache {

    private final long[][] firstWords = new long[256][];
    private final long[][] thirdWords = new long[256][];
    /** PASID (19:0), DID (35:20), directory FPD (36). */
    private final long[][] tags = new long[256][];
    private final SourceIdGenerations entries = new SourceIdGenerations();
    private long word0;
    private long word2;
    private long tag;

    /**
     * Whether {@code sid} has a valid entry for {@code pasid}; if so see {@link #word0()}, {@link #word2()},
     * {@link #domainId()} and {@link #directoryFpd()}.
     */
    public boolean lookup(int sid, int pasid) {
        int bus = sid >>> 8;
        int devfn = sid & 0xFF;
        if (!entries.valid(sid) || (tags[bus][devfn] & 0xF_FFFF) != pasid) {
            return false;
        }
        word0 = firstWords[bus][devfn];
        word2 = thirdWords[bus][devfn];
        tag = tags[bus][devfn];
        return true;
    }

    /** The entry's word 0 (P, FPD, AW, PGTT, SSPTPTR). */
    public long word0() {
        return word0;
    }

    /** The entry's word 2 (FSPM, FSPTPTR). */
    public long word2() {
        return word2;
    }

    public int domainId() {
        return (int) (tag >>> 20) & 0xFFFF;
    }

    /** The FPD of the PASID directory entry the entry was reached through. */
    public boolean directoryFpd() {
        return (tag >>> 36 & 1) != 0;
    }

    /** Caches the valid PASID-table entry of {@code sid} for {@code pasid}. */
    public void store(int sid, int pasid, int did, boolean directoryFpd, long entryWord0, long entryWord2) {
        int bus = sid >>> 8;
        if (!entries.inUse(bus)) {
            firstWords[bus] = new long[SourceIdGenerations.DEVFNS];
            thirdWords[bus] = new long[SourceIdGenerations.DEVFNS];
            tags[bus] = new long[SourceIdGenerations.DEVFNS];
        }
        int devfn = sid & 0xFF;
        firstWords[bus][devfn] = entryWord0;
        thirdWords[bus][devfn] = entryWord2;
        tags[bus][devfn] = pasid | (long) did << 20 | (directoryFpd ? 1L << 36 : 0);
        entries.markValid(sid);
    }

    /** Global invalidation. */
    public void invalidateAll() {
        entries.invalidateAll();
    }

    /** Domain-selective invalidation: the entries of {@code did}. */
    public void invalidateDomain(int did) {
        invalidate(0xFFFFL << 20, (long) did << 20);
    }

    /** PASID-selective-within-domain invalidation: the entries of {@code did} and {@code pasid}. */
    public void invalidatePasid(int did, int pasid) {
        invalidate(0xF_FFFF_FFFFL, (long) did << 20 | pasid);
    }

    private void invalidate(long mask, long value) {
        entries.invalidateIf(sid -> (tags[sid >>> 8][sid & 0xFF] & mask) == value);
    }
}
