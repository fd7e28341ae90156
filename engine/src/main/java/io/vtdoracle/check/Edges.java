package io.vtdoracle.check;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The edge choices of integer ranges ({@link IntegerEncoding#edges}), remembered: generators build their integer
 * generators afresh for every draw, and computing a range's edges (a few hundred values, sorted) cost more than the
 * draw itself. At most {@value #MOST} ranges are remembered; past that the memory starts over.
 */
final class Edges {

    private static final int MOST = 4096;

    /** A range and its named boundaries. */
    private record Range(long lo, long hi, long[] named) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Range r && r.lo == lo && r.hi == hi && Arrays.equals(r.named, named);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(lo) * 31 * 31 + Long.hashCode(hi) * 31 + Arrays.hashCode(named);
        }
    }

    private static final Map<Range, long[]> KNOWN = new ConcurrentHashMap<>();

    private Edges() {
    }

    /** The edges of {@code [lo, hi]} with {@code named} boundaries, as {@code encoding} (of that range) encodes them. */
    static long[] of(IntegerEncoding encoding, long lo, long hi, long... named) {
        Range range = new Range(lo, hi, named.clone());
        long[] edges = KNOWN.get(range);
        if (edges == null) {
            edges = encoding.edges(named);
            if (KNOWN.size() >= MOST) {
                KNOWN.clear();
            }
            KNOWN.put(range, edges);
        }
        return edges;
    }
}
