package io.vtdoracle.impl.table;

/**
 * Context entry (VT-d §9.3): 128 bits at {@code CTP + devfn * 16}. Low qword: P (0), FPD (1), TT (3:2),
 * SLPTPTR (63:12); high qword: AW (2:0), AVAIL (6:3), DID (23:8). Reserved: low 11:4 and bits at or above the
 * host address width; high bit 7 and 63:24.
 */
public final class ContextEntry {

    /** Bytes per context entry. */
    public static final int SIZE = 16;
    /** TT = 0: untranslated requests use the second-level tables. */
    public static final int TT_MULTI_LEVEL = 0;
    /** TT = 1: as 0, and device-TLB (ATS) requests are allowed. Needs ECAP.DT. */
    public static final int TT_MULTI_LEVEL_DEVICE_TLB = 1;
    /** TT = 2: pass-through. Needs ECAP.PT. */
    public static final int TT_PASS_THROUGH = 2;

    private static final long HIGH_RESERVED = 0xFFFF_FFFF_FF00_0080L;

    private ContextEntry() {
    }

    public static boolean present(long lo) {
        return (lo & 1) != 0;
    }

    /** Fault processing disable. */
    public static boolean fpd(long lo) {
        return (lo & 2) != 0;
    }

    public static int translationType(long lo) {
        return (int) (lo >>> 2) & 3;
    }

    public static long secondLevelPointer(long lo) {
        return lo & ~0xFFFL;
    }

    /** AW: 1 for 39-bit / 3-level tables, 2 for 48-bit / 4-level. */
    public static int addressWidth(long hi) {
        return (int) hi & 7;
    }

    /** Levels of the second-level tables: AW + 2. */
    public static int levels(long hi) {
        return addressWidth(hi) + 2;
    }

    /** Adjusted guest address width 30 + 9 * AW. */
    public static int agaw(long hi) {
        return 30 + 9 * addressWidth(hi);
    }

    public static int domainId(long hi) {
        return (int) (hi >>> 8) & 0xFFFF;
    }

    public static boolean reservedSet(long lo, long hi, long hawMask) {
        return (lo & (0xFF0L | ~hawMask)) != 0 || (hi & HIGH_RESERVED) != 0;
    }
}
