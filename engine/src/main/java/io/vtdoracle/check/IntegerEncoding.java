package io.vtdoracle.check;

import java.util.TreeSet;

/**
 * How an integer in {@code [lo, hi]} is encoded as one choice, so that smaller choices are simpler
 * integers: ranges that hold 0 zig-zag around it (0, 1, -1, 2, -2, ...), other ranges count from the
 * end closest to 0. Also computes the edge values generation is biased towards.
 */
final class IntegerEncoding {

    private final long lo;
    private final long hi;
    private final long m; // for ranges holding 0: the unsigned min of hi and -lo

    IntegerEncoding(long lo, long hi) {
        if (lo > hi) {
            throw new IllegalArgumentException("empty range [" + lo + ", " + hi + "]");
        }
        this.lo = lo;
        this.hi = hi;
        long neg = -lo; // unsigned: -Long.MIN_VALUE reads as 2^63
        this.m = Long.compareUnsigned(hi, neg) < 0 ? hi : neg;
    }

    /** The largest choice (unsigned): the range holds {@code maxChoice() + 1} values. */
    long maxChoice() {
        return hi - lo;
    }

    long decode(long c) {
        if (lo >= 0) {
            return lo + c;
        }
        if (hi <= 0) {
            return hi - c;
        }
        long twoM = 2 * m;
        if (Long.compareUnsigned(c, twoM) <= 0) {
            return (c & 1) == 1 ? (c >>> 1) + 1 : -(c >>> 1);
        }
        long magnitude = m + (c - twoM);
        return Long.compareUnsigned(hi, -lo) > 0 ? magnitude : -magnitude;
    }

    long encode(long v) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(v + " not in [" + lo + ", " + hi + "]");
        }
        if (lo >= 0) {
            return v - lo;
        }
        if (hi <= 0) {
            return hi - v;
        }
        if (v == 0) {
            return 0;
        }
        long magnitude = v > 0 ? v : -v; // unsigned
        if (Long.compareUnsigned(magnitude, m) <= 0) {
            return v > 0 ? 2 * magnitude - 1 : 2 * magnitude;
        }
        return 2 * m + (magnitude - m);
    }

    /**
     * The choices of the edge values in range, for {@link TestCase#choice(long, long[])}, which
     * picks uniformly from the array: the primary edges (0, +-1, the bounds, each named boundary,
     * and their neighbours) are repeated so that they make up about half of it; powers of two and
     * their neighbours (both signs) the other half.
     */
    long[] edges(long... named) {
        TreeSet<Long> primary = new TreeSet<>();
        addAround(primary, 0);
        addAround(primary, lo);
        addAround(primary, hi);
        for (long b : named) {
            addAround(primary, b);
        }
        TreeSet<Long> powers = new TreeSet<>();
        for (int k = 1; k < 64; k++) {
            addAround(powers, 1L << k);
            addAround(powers, -(1L << k));
        }
        powers.removeAll(primary);
        int repeat = Math.max(1, (powers.size() + primary.size() - 1) / primary.size());
        long[] out = new long[powers.size() + repeat * primary.size()];
        int n = 0;
        for (long v : powers) {
            out[n++] = encode(v);
        }
        for (int r = 0; r < repeat; r++) {
            for (long v : primary) {
                out[n++] = encode(v);
            }
        }
        return out;
    }

    private void addAround(TreeSet<Long> values, long v) {
        add(values, v);
        if (v != Long.MIN_VALUE) {
            add(values, v - 1);
        }
        if (v != Long.MAX_VALUE) {
            add(values, v + 1);
        }
    }

    private void add(TreeSet<Long> values, long v) {
        if (v >= lo && v <= hi) {
            values.add(v);
        }
    }
}
