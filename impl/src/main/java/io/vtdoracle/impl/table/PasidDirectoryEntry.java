package io.vtdoracle.impl.table;

/**
 * Scalable-mode PASID directory entry (VT-d §9.5): 64 bits at {@code PASIDDIRPTR + (PASID >> 6) * 8}. P (0), FPD (1),
 * SMPTBLPTR (63:12). Reserved: bits 11:2 and pointer bits at or above the host address width.
 */
public final class PasidDirectoryEntry {

    /** Bytes per entry. */
    public static final int SIZE = 8;

    private PasidDirectoryEntry() {
    }

    public static long offset(int pasid) {
        return (long) (pasid >>> 6) * SIZE;
    }

    public static boolean present(long entry) {
        return (entry & 1) != 0;
    }

    public static boolean fpd(long entry) {
        return (entry & 2) != 0;
    }

    public static boolean reservedSet(long entry, long hawMask) {
        return (entry & (0xFFCL | ~hawMask)) != 0;
    }

    public static long pasidTablePointer(long entry) {
        return entry & ~0xFFFL;
    }
}
