package io.vtdoracle.impl.table;

/**
 * Root entry (VT-d §9.1): 128 bits at {@code RTA + bus * 16}. Low qword: P (bit 0), context-table pointer CTP
 * (63:12). Reserved: the whole high qword, low bits 11:1 and low bits at or above the host address width.
 */
public final class RootEntry {

    /** Bytes per root entry. */
    public static final int SIZE = 16;

    private RootEntry() {
    }

    public static boolean present(long lo) {
        return (lo & 1) != 0;
    }

    public static boolean reservedSet(long lo, long hi, long hawMask) {
        return hi != 0 || (lo & (0xFFEL | ~hawMask)) != 0;
    }

    public static long contextTablePointer(long lo) {
        return lo & ~0xFFFL;
    }
}
