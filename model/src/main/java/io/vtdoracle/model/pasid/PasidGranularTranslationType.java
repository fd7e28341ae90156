package io.vtdoracle.model.pasid;

/** §9.6: PGTT (bits 8:6 of a PASID-table entry), which translation requests through the entry get. */
public enum PasidGranularTranslationType {
    /** 001b: first-stage translation through FSPTPTR (needs ECAP.FLTS). */
    FIRST_STAGE,
    /** 010b: second-stage translation through SSPTPTR (needs ECAP.SLTS). */
    SECOND_STAGE,
    /** 011b: nested translation (needs ECAP.NEST, which this model's units never report). */
    NESTED,
    /** 100b: pass-through, the input address is the output address (needs ECAP.PT). */
    PASS_THROUGH,
    /** 000b, 101b, 110b, 111b: reserved. */
    RESERVED;

    /** The translation type with this 3-bit encoding. */
    public static PasidGranularTranslationType of(int encoding) {
        return switch (encoding & 7) {
            case 1 -> FIRST_STAGE;
            case 2 -> SECOND_STAGE;
            case 3 -> NESTED;
            case 4 -> PASS_THROUGH;
            default -> RESERVED;
        };
    }
}
