package io.vtdoracle.impl.cache;

import java.util.Arrays;

/**
 * The context cache: the last valid context entry read for each source-id, in per-bus primitive arrays allocated
 * on first use. An entry is valid while its generation equals the cache's, so a global invalidation is one
 * increment; domain-selective invalidation scans the allocated buses, device-selective touches at most eight
 * entries.
 */
public final class ContextCache {

    private static final int DEVFNS = 256;

    private final long[][] lows = new long[256][];
    private final long[][] highs = new long[256][];
    private final int[][] generations = new int[256][];
    private int generation = 1;
    private long lo;
    private long hi;

    /** Whether {@code sid} has a valid entry; if so its qwords are then in {@link #lo()} and {@link #hi()}. */
    public boolean lookup(int sid) {
        int bus = sid >>> 8;
        int[] busGenerations = generations[bus];
        int devfn = sid & 0xFF;
        if (busGenerations == null || busGenerations[devfn] != generation) {
            return false;
        }
        lo = lows[bus][devfn];
        hi = highs[bus][devfn];
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
        if (generations[bus] == null) {
            lows[bus] = new long[DEVFNS];
            highs[bus] = new long[DEVFNS];
            generations[bus] = new int[DEVFNS];
        }
        int devfn = sid & 0xFF;
        lows[bus][devfn] = entryLo;
        highs[bus][devfn] = entryHi;
        generations[bus][devfn] = generation;
    }

    /** Global invalidation. */
    public void invalidateAll() {
        generation++;
        if (generation == Integer.MAX_VALUE) {
            for (int[] busGenerations : generations) {
                if (busGenerations != null) {
                    Arrays.fill(busGenerations, 0);
                }
            }
            generation = 1;
        }
    }

    /** Domain-selective invalidation: the entries whose DID (high qword 23:8) is {@code did}. */
    public void invalidateDomain(int did) {
        for (int bus = 0; bus < generations.length; bus++) {
            int[] busGenerations = generations[bus];
            if (busGenerations == null) {
                continue;
            }
            for (int devfn = 0; devfn < DEVFNS; devfn++) {
                if (busGenerations[devfn] == generation && ((int) (highs[bus][devfn] >>> 8) & 0xFFFF) == did) {
                    busGenerations[devfn] = 0;
                }
            }
        }
    }

    /** Device-selective invalidation: the source-ids equal to {@code sid} outside the bits of {@code ignored}. */
    public void invalidateDevices(int sid, int ignored) {
        int[] busGenerations = generations[sid >>> 8];
        if (busGenerations == null) {
            return;
        }
        for (int devfn = 0; devfn < DEVFNS; devfn++) {
            if (((devfn ^ sid) & 0xFF & ~ignored) == 0) {
                busGenerations[devfn] = 0;
            }
        }
    }
}
