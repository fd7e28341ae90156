package io.vtdoracle.impl.listener;

import io.vtdoracle.api.Operation;

/**
 * Cutting IOVA ranges into pieces (contract §7.2): naturally aligned power-of-two blocks, greedily from the low
 * end, each as large as its alignment and the remaining length allow. All bounds are inclusive and unsigned, so
 * a range may reach 2^64 - 1.
 */
public final class Pieces {

    /** Receives one piece: {@code iova} aligned to {@code mask + 1}, {@code mask} = 2^k - 1. */
    @FunctionalInterface
    public interface Sink {
        void piece(long iova, long mask);
    }

    private static final long WINDOW_FIRST = Operation.INTERRUPT_WINDOW_FIRST;
    private static final long WINDOW_LAST = Operation.INTERRUPT_WINDOW_LAST;

    private Pieces() {
    }

    /** Cuts {@code first..last} (first not above last) into pieces. */
    public static void cut(long first, long last, Sink sink) {
        long at = first;
        while (true) {
            long alignmentMask = at == 0 ? -1L : Long.lowestOneBit(at) - 1;
            long span = last - at;
            long lengthMask = span == -1L ? -1L : Long.highestOneBit(span + 1) - 1;
            long mask = Long.compareUnsigned(alignmentMask, lengthMask) <= 0 ? alignmentMask : lengthMask;
            sink.piece(at, mask);
            if (at + mask == last) {
                return;
            }
            at += mask + 1;
        }
    }

    /**
     * Cuts the part of {@code first..last} inside a listener's effective range ({@code rangeFirst..rangeLast}
     * minus the interrupt window) into pieces, in ascending order.
     */
    public static void cutEffective(long first, long last, long rangeFirst, long rangeLast, Sink sink) {
        long low = max(first, rangeFirst);
        long high = min(last, rangeLast);
        if (Long.compareUnsigned(low, high) > 0) {
            return;
        }
        if (Long.compareUnsigned(high, WINDOW_FIRST) < 0 || Long.compareUnsigned(low, WINDOW_LAST) > 0) {
            cut(low, high, sink);
            return;
        }
        if (Long.compareUnsigned(low, WINDOW_FIRST) < 0) {
            cut(low, WINDOW_FIRST - 1, sink);
        }
        if (Long.compareUnsigned(high, WINDOW_LAST) > 0) {
            cut(WINDOW_LAST + 1, high, sink);
        }
    }

    /** Whether {@code aFirst..aLast} and {@code bFirst..bLast} share an address (unsigned). */
    public static boolean meet(long aFirst, long aLast, long bFirst, long bLast) {
        return Long.compareUnsigned(aFirst, bLast) <= 0 && Long.compareUnsigned(bFirst, aLast) <= 0;
    }

    static long max(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0 ? a : b;
    }

    static long min(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0 ? a : b;
    }
}
