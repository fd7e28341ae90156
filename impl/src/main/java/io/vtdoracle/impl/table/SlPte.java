package io.vtdoracle.impl.table;

/**
 * Second-level paging entry (VT-d §9.8): R (bit 0), W (bit 1), PS (bit 7, levels 2 and 3), address (51:12).
 * An entry with R = W = 0 is not present. Bits 63 and 61:52 are ignored. Reserved: bits 51:aw, bit 62 (TM, no
 * device-TLB stale marking here) and bit 11 at every level; bit 7 at level 4; with PS set at level 2 or 3, PS
 * itself if superpages are not supported, otherwise the alignment bits below the page size.
 */
public final class SlPte {

    public static final int READ = 1;
    public static final int WRITE = 2;
    /** Entries per table. */
    public static final int ENTRIES = 512;
    public static final long PS = 1L << 7;

    private SlPte() {
    }

    /** Bit position of the lowest address bit a level-{@code level} entry translates (12, 21, 30, 39). */
    public static int shift(int level) {
        return 12 + 9 * (level - 1);
    }

    /** Index of the entry translating {@code address} in a level-{@code level} table. */
    public static int index(long address, int level) {
        return (int) (address >>> shift(level)) & (ENTRIES - 1);
    }

    /** R and W rights of the entry. */
    public static int rights(long pte) {
        return (int) pte & (READ | WRITE);
    }

    /** Whether the entry ends the walk: level 1, or PS at level 2 or 3 (reserved elsewhere). */
    public static boolean leaf(long pte, int level) {
        return level == 1 || (pte & PS) != 0;
    }

    /** The next table or the page the entry points to. */
    public static long address(long pte, long hawMask) {
        return pte & hawMask & ~0xFFFL;
    }

    /** The reserved bits of a level-1 entry for host address width {@code aw}: 51:aw, 62 (TM) and 11. */
    public static long reservedLevel1(int aw) {
        return ((1L << 52) - 1) & -(1L << aw) | 1L << 62 | 1L << 11;
    }

    /** Reserved bits set in the entry at {@code level}, for host address width {@code aw}. */
    public static boolean reservedSet(long pte, int level, int aw, boolean superpages) {
        long reserved = reservedLevel1(aw);
        if (level == 4) {
            reserved |= PS;
        } else if ((level == 2 || level == 3) && (pte & PS) != 0) {
            reserved |= superpages ? (1L << shift(level)) - 0x1000 : PS;
        }
        return (pte & reserved) != 0;
    }
}
