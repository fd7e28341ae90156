package io.vtdoracle.impl.table;

/**
 * Scalable-mode PASID-table entry (VT-d §9.6): 512 bits (words w0–w7) at {@code SMPTBLPTR + (PASID & 0x3F) * 64}.
 * w0: P (0), FPD (1), AW (4:2), PGTT (8:6), SSADE (9), SSPTPTR (63:12); w1: DID (15:0); w2: SRE (0), ERE (1),
 * FSPM (3:2), EAFE (7), FSPTPTR (63:12). Fields of requests with PASID (SSEE, PWSNP, PGSNP, CD, EMTE, EMT, PAT, WPE)
 * are ignored.
 */
public final class PasidEntry {

    /** Bytes per entry. */
    public static final int SIZE = 64;
    /** PGTT = 001b: first-stage translation. */
    public static final int PGTT_FIRST_STAGE = 1;
    /** PGTT = 010b: second-stage translation. */
    public static final int PGTT_SECOND_STAGE = 2;
    /** PGTT = 100b: pass-through. */
    public static final int PGTT_PASS_THROUGH = 4;

    private static final long W0_RESERVED = 0xE00L; // 11:9, SSADE included (no ECAP.SLADS)
    private static final long W1_RESERVED = 0x7F_0000L; // 22:16
    private static final long W2_RESERVED = 0xF82L; // 11:8, EAFE (7), ERE (1)
    private static final long SRE = 1;

    private PasidEntry() {
    }

    public static long offset(int pasid) {
        return (long) (pasid & 0x3F) * SIZE;
    }

    public static boolean present(long w0) {
        return (w0 & 1) != 0;
    }

    public static boolean fpd(long w0) {
        return (w0 & 2) != 0;
    }

    /** AW: 1 for 3-level / 39-bit second-stage tables, 2 for 4-level / 48-bit. */
    public static int addressWidth(long w0) {
        return (int) (w0 >>> 2) & 7;
    }

    public static int pgtt(long w0) {
        return (int) (w0 >>> 6) & 7;
    }

    public static long secondStagePointer(long w0) {
        return w0 & ~0xFFFL;
    }

    public static int domainId(long w1) {
        return (int) w1 & 0xFFFF;
    }

    /** FSPM: 0 for 4-level, 1 for 5-level first-stage paging. */
    public static int firstStagePagingMode(long w2) {
        return (int) (w2 >>> 2) & 3;
    }

    public static long firstStagePointer(long w2) {
        return w2 & ~0xFFFL;
    }

    /**
     * Reserved bits of words w0–w2 (contract §9.3; w3–w7 are checked whole by the caller): the table pointer of the
     * selected stage at or above the host address width, SRE without ECAP.SRS.
     */
    public static boolean reservedSet(long w0, long w1, long w2, long hawMask, boolean supervisorRequests) {
        int pgtt = pgtt(w0);
        long pointerReserved = ~hawMask & ~0xFFFL;
        long w0Reserved = W0_RESERVED | (pgtt == PGTT_SECOND_STAGE ? pointerReserved : 0);
        long w2Reserved = W2_RESERVED | (supervisorRequests ? 0 : SRE)
                | (pgtt == PGTT_FIRST_STAGE ? pointerReserved : 0);
        return (w0 & w0Reserved) != 0 || (w1 & W1_RESERVED) != 0 || (w2 & w2Reserved) != 0;
    }
}
