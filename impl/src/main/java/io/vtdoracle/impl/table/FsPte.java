package io.vtdoracle.impl.table;

/**
 * First-stage paging entry (VT-d §9.7, IA-32e format): P (0), R/W (1), U/S (2), A (5), D (6), PS (7, levels 2 and 3),
 * address (51:12). Bits 63:52 (XD included) are ignored. Reserved (contract §9.6): address bits 51:aw at every
 * level; PS at levels 4 and 5, and at level 3 without CAP.FS1GP; below a 2 MiB page bits 20:13, below a 1 GiB page
 * bits 29:13 (bit 12 is PAT).
 */
public final class FsPte {

    public static final long PRESENT = 1;
    public static final long READ_WRITE = 1L << 1;
    public static final long USER = 1L << 2;
    public static final long ACCESSED = 1L << 5;
    public static final long DIRTY = 1L << 6;
    public static final long PS = 1L << 7;

    private static final long ADDRESS = ((1L << 52) - 1) & ~0xFFFL;

    private FsPte() {
    }

    /** Whether the entry ends the walk: level 1, or PS at level 2 or 3 (reserved elsewhere). */
    public static boolean leaf(long pte, int level) {
        return level == 1 || (pte & PS) != 0;
    }

    /** The next table or the page the entry points to: bits 51:12 within the host address width. */
    public static long address(long pte, long hawMask) {
        return pte & ADDRESS & hawMask;
    }

    /** Reserved bits set in the entry at {@code level}, for host address width {@code aw}. */
    public static boolean reservedSet(long pte, int level, int aw, boolean oneGiBPages) {
        long reserved = ((1L << 52) - 1) & -(1L << aw);
        boolean ps = (pte & PS) != 0;
        if (level >= 4 || level == 3 && !oneGiBPages) {
            reserved |= PS;
        } else if (ps && level >= 2) {
            reserved |= (1L << SlPte.shift(level)) - 0x2000;
        }
        return (pte & reserved) != 0;
    }
}
