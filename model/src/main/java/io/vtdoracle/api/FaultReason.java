package io.vtdoracle.api;

import java.util.Optional;

/**
 * Fault reasons of DMA remapping and interrupt remapping in legacy mode, with the encodings of the VT-d
 * specification's fault-reason table (§7.1.3, Table "Unsuccessful translated requests"; interrupt-remapping
 * conditions §7.1.4).
 */
public enum FaultReason {
    /** 1h: the root entry used for the request has its present field clear. */
    ROOT_ENTRY_NOT_PRESENT(0x1),
    /** 2h: the context entry used for the request has its present field clear. */
    CONTEXT_ENTRY_NOT_PRESENT(0x2),
    /** 3h: invalid programming of a context entry (AW not in SAGAW, TT not supported, SLPTPTR unreadable). */
    CONTEXT_ENTRY_INVALID(0x3),
    /** 4h: the input address is above 2^X - 1, X the smaller of MGAW and the context's AGAW. */
    ADDRESS_BEYOND_MGAW(0x4),
    /** 5h: a write request without write permission. */
    WRITE_NOT_PERMITTED(0x5),
    /** 6h: a read request without read permission. */
    READ_NOT_PERMITTED(0x6),
    /** 7h: a second-level paging entry could not be read (beyond HAW or outside memory). */
    PAGING_ENTRY_ACCESS_ERROR(0x7),
    /** 8h: the root entry could not be read. */
    ROOT_TABLE_ACCESS_ERROR(0x8),
    /** 9h: the context entry could not be read. */
    CONTEXT_TABLE_ACCESS_ERROR(0x9),
    /** Ah: non-zero reserved field in a present root entry. */
    ROOT_ENTRY_RESERVED(0xA),
    /** Bh: non-zero reserved field in a present context entry. */
    CONTEXT_ENTRY_RESERVED(0xB),
    /** Ch: non-zero reserved field in a second-level paging entry with R or W set. */
    PAGING_ENTRY_RESERVED(0xC),
    /** Dh: the translation type of the context entry blocks the request. */
    CONTEXT_ENTRY_TRANSLATION_TYPE(0xD),
    /** Eh: the translated address falls in the interrupt address range 0xFEEx_xxxx. */
    INTERRUPT_ADDRESS(0xE),
    /** 20h: reserved field set in a remappable interrupt request. */
    IR_REQUEST_RESERVED(0x20),
    /** 21h: the interrupt index is beyond the interrupt-remapping table size. */
    IR_INDEX_BEYOND_TABLE(0x21),
    /** 22h: the IRTE is not present. */
    IR_ENTRY_NOT_PRESENT(0x22),
    /** 23h: the IRTE could not be read. */
    IR_TABLE_ACCESS_ERROR(0x23),
    /** 24h: reserved field set in a present IRTE. */
    IR_ENTRY_RESERVED(0x24),
    /** 25h: a compatibility-format interrupt while compatibility format is blocked (CFIS=0 or EIME=1). */
    IR_COMPATIBILITY_BLOCKED(0x25),
    /** 26h: the request's source-id failed the IRTE's source validation. */
    IR_SOURCE_ID_INVALID(0x26);

    private final int code;

    FaultReason(int code) {
        this.code = code;
    }

    /** The fault reason's encoding in the FR field of a fault recording register. */
    public int code() {
        return code;
    }

    /** Whether this is an interrupt-remapping fault (codes 20h and up). */
    public boolean isInterruptRemapping() {
        return code >= 0x20;
    }

    /** The reason with this encoding, if legacy mode defines one. */
    public static Optional<FaultReason> ofCode(int code) {
        for (FaultReason reason : values()) {
            if (reason.code == code) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name() + String.format("(%xh)", code);
    }
}
