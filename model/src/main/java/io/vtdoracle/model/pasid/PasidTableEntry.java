package io.vtdoracle.model.pasid;

import io.vavr.collection.Vector;
import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.ScalableMode;
import io.vtdoracle.model.roottable.AddressWidth;

/**
 * A scalable-mode PASID-table entry (§9.6): 512 bits at {@code SMPTBLPTR + (PASID mod 64)·64}, naming the
 * translation of one PASID: its type (PGTT), domain (DID) and tables.
 *
 * <p>Word 0: P (0), FPD (1), AW (4:2), SSEE (5), PGTT (8:6), SSADE (9), SSPTPTR (63:12). Word 1: DID (15:0),
 * PWSNP (23), PGSNP (24), CD (25), EMTE (26), EMT (29:27), PAT (63:32). Word 2: SRE (0), ERE (1), FSPM (3:2),
 * WPE (4), EAFE (7), FSPTPTR (63:12). Words 3–7: reserved.
 *
 * @param words the eight 64-bit words, word 0 first
 */
public record PasidTableEntry(Vector<Long> words) {

    private long word(int index) {
        return words.get(index);
    }

    /** §9.6: P. */
    public boolean present() {
        return (word(0) & 1) != 0;
    }

    /** §9.6: FPD, recording of qualified faults through this entry is disabled (evaluated whatever P is). */
    public boolean faultProcessingDisabled() {
        return (word(0) & 2) != 0;
    }

    /** §9.6: PGTT. */
    public PasidGranularTranslationType translationType() {
        return PasidGranularTranslationType.of((int) (word(0) >>> 6));
    }

    /** §9.6: AW, the second stage's adjusted guest address width, encoded as in a legacy context entry. */
    public int addressWidth() {
        return (int) (word(0) >>> 2) & 7;
    }

    /** §3.7: the number of second-stage table levels, AW + 2. */
    public int secondStageLevels() {
        return addressWidth() + 2;
    }

    /** §9.6: SSPTPTR, the 4 KiB-aligned address of the top second-stage table. */
    public long secondStagePageTablePointer() {
        return word(0) & ~0xFFFL;
    }

    /** §9.6: DID, the domain-id that tags the IOTLB entries this entry's translations fill. */
    public int domainId() {
        return (int) word(1) & 0xFFFF;
    }

    /** §9.6: FSPM, the first-stage paging mode: 00b 4-level, 01b 5-level. */
    public int firstStagePagingMode() {
        return (int) (word(2) >>> 2) & 3;
    }

    /** §3.6: the number of first-stage table levels: 4, or 5 with FSPM = 01b. */
    public int firstStageLevels() {
        return firstStagePagingMode() == 1 ? 5 : 4;
    }

    /** §9.6: FSPTPTR, the 4 KiB-aligned address of the top first-stage table (PML4 or PML5). */
    public long firstStagePageTablePointer() {
        return word(2) & ~0xFFFL;
    }

    /**
     * §9.6, the model's reading (contract §9.3): reserved are word 0 bits 11:10 and SSADE (no ECAP.SLADS);
     * SSPTPTR bits at or above the host address width when PGTT uses the second stage; word 1 bits 22:16; word 2
     * bits 11:8, ERE (no ECAP.ERS), EAFE (no ECAP.EAFS), SRE without ECAP.SRS, and FSPTPTR bits at or above the
     * host address width when PGTT uses the first stage; words 3–7 entirely.
     */
    public boolean reservedBitsSet(Capabilities capabilities) {
        long beyond = AddressWidth.beyond(capabilities.addressWidth());
        PasidGranularTranslationType type = translationType();
        long reserved0 = 0xE00L | (type == PasidGranularTranslationType.SECOND_STAGE ? beyond : 0);
        long reserved1 = 0x7F_0000L;
        long reserved2 = 0xF00L | 1L << 1 | 1L << 7
                | (capabilities.scalableMode().supervisorRequests() ? 0 : 1L)
                | (type == PasidGranularTranslationType.FIRST_STAGE ? beyond : 0);
        return (word(0) & reserved0) != 0 || (word(1) & reserved1) != 0 || (word(2) & reserved2) != 0
                || words.drop(3).exists(word -> word != 0);
    }

    /**
     * §9.6, SPT.4: the programming is valid when PGTT is a type the unit supports (first stage with ECAP.FLTS,
     * second stage with ECAP.SLTS, pass-through with ECAP.PT; nested and the reserved encodings never), AW is
     * in CAP.SAGAW for the second stage, and FSPM is 00b, or 01b with CAP.FL5LP, for the first stage.
     */
    public boolean validProgramming(Capabilities capabilities) {
        ScalableMode scalable = capabilities.scalableMode();
        switch (translationType()) {
            case FIRST_STAGE:
                return scalable.firstStage() && (firstStagePagingMode() == 0
                        || (firstStagePagingMode() == 1 && scalable.firstStage5Level()));
            case SECOND_STAGE:
                return scalable.secondStage()
                        && (addressWidth() == 1 || (addressWidth() == 2 && capabilities.addressWidth() == 48));
            case PASS_THROUGH:
                return capabilities.passThrough();
            default: // nested, reserved
                return false;
        }
    }
}
