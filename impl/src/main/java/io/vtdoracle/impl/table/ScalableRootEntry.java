package io.vtdoracle.impl.table;

/**
 * Scalable-mode root entry (VT-d §9.2): 128 bits at {@code RTA + bus * 16}. The low qword serves devfn 0–127
 * (LP bit 0, LCTP 63:12), the high qword devfn 128–255 (UP bit 64, UCTP 127:76); each half is checked alone.
 * Reserved in a half: bits 11:1 and pointer bits at or above the host address width.
 */
public final class ScalableRootEntry {

    /** Bytes per root entry. */
    public static final int SIZE = 16;

    private ScalableRootEntry() {
    }

    /** Byte offset of the half serving {@code devfn} within the entry: 0 (lower) or 8 (upper). */
    public static int halfOffset(int devfn) {
        return devfn >= 128 ? 8 : 0;
    }

    public static boolean present(long half) {
        return (half & 1) != 0;
    }

    public static boolean reservedSet(long half, long hawMask) {
        return (half & (0xFFEL | ~hawMask)) != 0;
    }

    public static long contextTablePointer(long half) {
        return half & ~0xFFFL;
    }
}
