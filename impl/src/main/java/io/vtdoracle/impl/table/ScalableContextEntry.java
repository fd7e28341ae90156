package io.vtdoracle.impl.table;

/**
 * Scalable-mode context entry (VT-d §9.4): 256 bits (words w0–w3) at {@code CTP + (devfn & 0x7F) * 32}. w0: P (0),
 * FPD (1), DTE (2), PASIDE (3), PRE (4), PDTS (11:9), PASIDDIRPTR (63:12); w1: RID_PASID (19:0), RID_PRIV (20).
 * Reserved here (contract §9.2): w0 8:5, PASIDE and PRE (no ECAP.PASID, PRS), DTE without ECAP.DT, pointer bits at
 * or above the host address width; w1 63:21, RID_PRIV without ECAP.SRS; w2 and w3 whole.
 */
public final class ScalableContextEntry {

    /** Bytes per entry. */
    public static final int SIZE = 32;

    private static final long W0_RESERVED = 0x1F8L; // 8:5, PRE (4), PASIDE (3)
    private static final long DTE = 1L << 2;
    private static final long W1_RESERVED = -(1L << 21);
    private static final long RID_PRIV = 1L << 20;

    private ScalableContextEntry() {
    }

    public static boolean present(long w0) {
        return (w0 & 1) != 0;
    }

    public static boolean fpd(long w0) {
        return (w0 & 2) != 0;
    }

    public static boolean reservedSet(long w0, long w1, long w2, long w3, long hawMask, boolean deviceTlb,
                                      boolean supervisorRequests) {
        long w0Reserved = W0_RESERVED | (deviceTlb ? 0 : DTE) | (~hawMask & ~0xFFFL);
        long w1Reserved = W1_RESERVED | (supervisorRequests ? 0 : RID_PRIV);
        return (w0 & w0Reserved) != 0 || (w1 & w1Reserved) != 0 || w2 != 0 || w3 != 0;
    }

    /** The highest PASID the directory covers: 2^(PDTS + 7) entries of 64 PASIDs. */
    public static int maxPasid(long w0) {
        int pdts = (int) (w0 >>> 9) & 7;
        return (1 << (pdts + 13)) - 1;
    }

    public static long pasidDirectoryPointer(long w0) {
        return w0 & ~0xFFFL;
    }

    public static int ridPasid(long w1) {
        return (int) w1 & 0xF_FFFF;
    }
}
