package io.vtdoracle.impl.cache;

/**
 * The context cache: the last valid context entry read for each source-id, in per-bus primitive arrays allocated
 * on first use, valid as {@link SourceIdGenerations} says: a global invalidation is one increment;
 * domain-selective invalidation scans the allocated buses, device-selective touches at most eight entries.
 */
public final class ContextCache {

    private final long[][] lows = new long[256][];
    private final long[][] highs = new long[256][];
    private final SourceIdGenerations entries = new SourceIdGenerations();
    private long lo;
    private long hi;

    /** Whether {@code sid} has a valid entry; if so its qwords are then in {@link #lo()} and {@link #hi()}. */
    public boolean lookup(int sid) {
        if (!entries.valid(sid)) {
            return false;
        }
        lo = lows[sid >>> 8][sid & 0xFF];
        hi = highs[sid >>> 8][sid & 0xFF];
        return true;
    }

    public long lo() {
        return lo;
    }

    public long hi() {
        return hi;
    }

    /** Caches a valid context entry of {@code sid}. */
    public void store(int sid, long entryLo, long entryHi) {
        int bus = sid >>> 8;
        if (!entries.inUse(bus)) {
            lows[bus] = new long[SourceIdGenerations.DEVFNS];
            highs[bus] = new long[SourceIdGenerations.DEVFNS];
        }
        int devfn = sid & 0xFF;
        lows[bus][devfn] = entryLo;
        highs[bus][devfn] = entryHi;
        entries.markValid(sid);
    }

    /** Global invalidation. */
    public void invalidateAll() {
        entries.invalidateAll();
    }

    /** Domain-selective invalidation: the entries whose DID (high qword 23:8) is {@code did}. */
    public void invalidateDomain(int did) {
        entries.invalidateIf(sid -> ((int) (highs[sid >>> 8][sid & 0xFF] >>> 8) & 0xFFFF) == did);
    }

    /** Device-selective invalidation: the source-ids equal to {@code sid} outside the bits of {@code ignored}. */
    public void invalidateDevices(int sid, int ignored) {
        for (int devfn = 0; devfn < SourceIdGenerations.DEVFNS; devfn++) {
            if (((devfn ^ sid) & 0xFF & ~ignored) == 0) {
                entries.invalidate(sid & 0xFF00 | devfn);
            }
        }
    }
}
