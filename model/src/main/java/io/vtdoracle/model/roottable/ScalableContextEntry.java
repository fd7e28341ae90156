package io.vtdoracle.model.roottable;

import io.vtdoracle.api.Capabilities;

/**
 * A scalable-mode context entry (§9.4): 256 bits at {@code CTP + (devfn mod 128)·32}, naming a device's PASID
 * directory and the PASID its requests without PASID use (RID_PASID).
 *
 * @param word0 bits 63:0: P (0), FPD (1), DTE (2), PASIDE (3), PRE (4), PDTS (11:9), PASIDDIRPTR (63:12)
 * @param word1 bits 127:64: RID_PASID (83:64), RID_PRIV (84)
 * @param word2 bits 191:128: reserved
 * @param word3 bits 255:192: reserved
 */
public record ScalableContextEntry(long word0, long word1, long word2, long word3) {

    /** §9.4: P. */
    public boolean present() {
        return (word0 & 1) != 0;
    }

    /** §9.4: FPD, recording of qualified faults is disabled; evaluated whatever P is, as in legacy mode (§9.3). */
    public boolean faultProcessingDisabled() {
        return (word0 & 2) != 0;
    }

    /** §9.4: PDTS, the PASID directory holds 2^(PDTS + 7) entries. */
    public int pasidDirectorySize() {
        return (int) (word0 >>> 9) & 7;
    }

    /** §9.4: PASIDDIRPTR, the 4 KiB-aligned address of the PASID directory. */
    public long pasidDirectoryPointer() {
        return word0 & ~0xFFFL;
    }

    /** §9.4: RID_PASID, the PASID of the device's requests without PASID. */
    public int ridPasid() {
        return (int) (word1 & 0xF_FFFF);
    }

    /** §9.4: the largest PASID the directory covers: 2^(PDTS + 7) directory entries of 64 PASIDs each. */
    public int largestPasid() {
        return (1 << (pasidDirectorySize() + 13)) - 1;
    }

    /**
     * §9.4: reserved fields: word 0 bits 8:5 and PASIDDIRPTR bits at or above the host address width; DTE without
     * ECAP.DT; PASIDE and PRE (the unit reports neither ECAP.PASID nor ECAP.PRS); word 1 bits 63:21, and RID_PRIV
     * without ECAP.SRS; words 2 and 3 entirely.
     */
    public boolean reservedBitsSet(Capabilities capabilities) {
        long reserved0 = 0x1E0L | 1L << 3 | 1L << 4 | AddressWidth.beyond(capabilities.addressWidth())
                | (capabilities.deviceTlb() ? 0 : 1L << 2);
        long reserved1 = ~0x1F_FFFFL | (capabilities.scalableMode().supervisorRequests() ? 0 : 1L << 20);
        return (word0 & reserved0) != 0 || (word1 & reserved1) != 0 || word2 != 0 || word3 != 0;
    }
}
