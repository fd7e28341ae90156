package io.vtdoracle.model.roottable;

/** §9.3: the TT field (bits 3:2) of a legacy-mode context entry. */
public enum TranslationType {
    /** 00b: untranslated requests are translated through the second-level tables; device-TLB requests blocked. */
    UNTRANSLATED_ONLY,
    /** 01b: as 00b, and the device may use a device-TLB (needs ECAP.DT). */
    ALL_REQUESTS,
    /** 10b: untranslated requests pass through unchanged (needs ECAP.PT). */
    PASS_THROUGH,
    /** 11b: reserved. */
    RESERVED;

    /** The translation type with this 2-bit encoding. */
    public static TranslationType of(int encoding) {
        return values()[encoding & 3];
    }
}
