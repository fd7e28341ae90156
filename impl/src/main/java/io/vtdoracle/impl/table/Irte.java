package io.vtdoracle.impl.table;

/**
 * Interrupt remapping table entry (VT-d §9.10), 128 bits at {@code IRTA + index * 16}. Low qword: P (0), FPD (1),
 * DM (2), RH (3), TM (4), DLM (7:5), AVAIL (11:8), vector (23:16), DST (63:32); high qword: SID (15:0),
 * SQ (17:16), SVT (19:18).
 */
public final class Irte {

    /** Bytes per IRTE. */
    public static final int SIZE = 16;
    /** SVT = 1: verify the request's source-id against SID, masked by SQ. */
    public static final int SVT_SOURCE_ID = 1;
    /** SVT = 2: the request's bus must lie from the start bus SID 15:8 to the end bus SID 7:0 (§9.10). */
    public static final int SVT_BUS_RANGE = 2;

    /** Reserved low bits 15:12 (IM included: no posted interrupts) and 31:24 in every mode. */
    private static final long LOW_RESERVED = 0xF000L | 0xFF00_0000L;
    /** Reserved low bits with EIME = 0 (xAPIC): DST 31:16 and 7:0, i.e. bits 63:48 and 39:32 (§9.10). */
    private static final long LOW_RESERVED_XAPIC = 0xFFFF_00FF_0000_0000L;
    /** Reserved high bits 127:84. */
    private static final long HIGH_RESERVED = 0xFFFF_FFFF_FFF0_0000L;
    /** The SID bits compared under SVT = 1, by SQ. */
    private static final int[] SQ_MASKS = {0xFFFF, 0xFFFB, 0xFFF9, 0xFFF8};

    private Irte() {
    }

    public static boolean present(long lo) {
        return (lo & 1) != 0;
    }

    public static boolean fpd(long lo) {
        return (lo & 2) != 0;
    }

    public static boolean reservedSet(long lo, long hi, boolean eime) {
        return (lo & (eime ? LOW_RESERVED : LOW_RESERVED | LOW_RESERVED_XAPIC)) != 0 || (hi & HIGH_RESERVED) != 0;
    }

    /** Whether the request's source-id passes the entry's source validation (SVT, SQ, SID). */
    public static boolean sourceValid(long hi, int requesterSid) {
        int sid = (int) hi & 0xFFFF;
        int sq = (int) (hi >>> 16) & 3;
        switch ((int) (hi >>> 18) & 3) {
            case 0:
                return true;
            case SVT_SOURCE_ID:
                return ((requesterSid ^ sid) & SQ_MASKS[sq]) == 0;
            case SVT_BUS_RANGE:
                int bus = requesterSid >>> 8;
                return bus >= (sid >>> 8) && bus <= (sid & 0xFF);
            default:
                return false;
        }
    }

    /** The interrupt message the entry produces (contract §5 step 6): its address. */
    public static long messageAddress(long lo, boolean eime) {
        long dst = lo >>> 32;
        long dest = eime ? dst : (dst >>> 8) & 0xFF;
        long address = 0xFEE0_0000L | (dest & 0xFF) << 12 | ((lo >>> 3) & 1) << 3 | ((lo >>> 2) & 1) << 2;
        if (eime) {
            address |= (dest & 0xFFFF_FF00L) << 32;
        }
        return address;
    }

    /** The interrupt message the entry produces: its data (vector, delivery mode, trigger mode and level). */
    public static int messageData(long lo) {
        int vector = (int) (lo >>> 16) & 0xFF;
        int dlm = (int) (lo >>> 5) & 7;
        int tm = (int) (lo >>> 4) & 1;
        return vector | dlm << 8 | tm << 15 | tm << 14;
    }
}
