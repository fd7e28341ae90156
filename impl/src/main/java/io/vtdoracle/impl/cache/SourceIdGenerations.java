package io.vtdoracle.impl.cache;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Which source-ids hold a valid entry of a cache kept per source-id: a generation for each source-id, in per-bus
 * arrays allocated on first use. An entry is valid while its generation equals the table's, so invalidating every
 * entry is one increment.
 */
final class SourceIdGenerations {

    static final int DEVFNS = 256;

    private final int[][] generations = new int[256][];
    private int generation = 1;

    /** Whether a source-id of {@code bus} was ever marked valid (the cache's arrays for the bus exist). */
    boolean inUse(int bus) {
        return generations[bus] != null;
    }

    /** Whether the entry of {@code sid} is valid. */
    boolean valid(int sid) {
        int[] busGenerations = generations[sid >>> 8];
        return busGenerations != null && busGenerations[sid & 0xFF] == generation;
    }

    /** Makes the entry of {@code sid} valid. */
    void markValid(int sid) {
        int bus = sid >>> 8;
        if (generations[bus] == null) {
            generations[bus] = new int[DEVFNS];
        }
        generations[bus][sid & 0xFF] = generation;
    }

    /** Invalidates the entry of {@code sid}. */
    void invalidate(int sid) {
        int[] busGenerations = generations[sid >>> 8];
        if (busGenerations != null) {
            busGenerations[sid & 0xFF] = 0;
        }
    }

    /** Invalidates every entry. */
    void invalidateAll() {
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

    /** Invalidates the valid entries whose source-id {@code matches}, scanning the buses in use. */
    void invalidateIf(IntPredicate matches) {
        for (int bus = 0; bus < generations.length; bus++) {
            int[] busGenerations = generations[bus];
            if (busGenerations == null) {
                continue;
            }
            for (int devfn = 0; devfn < DEVFNS; devfn++) {
                if (busGenerations[devfn] == generation && matches.test(bus << 8 | devfn)) {
                    busGenerations[devfn] = 0;
                }
            }
        }
    }
}
