package io.vtdoracle.api;

import java.util.Optional;

/**
 * Fault reasons of DMA remapping (legacy mode 1h–Eh, scalable mode 30h and up) and interrupt remapping (20h–26h),
 * with the encodings of the VT-d specification's fault-reason tables (§7.1.3; interrupt-remapping conditions
 * §5.1.4.1). Each scalable-mode reason names its mnemonic in the specification's scalable-mode table (RTA, SRT, SCT,
 * SPD, SPT, SFS, SSS, SGN; revisions before 4.0 call first- and second-stage "first-level" and "second-level",
 * SFL and SSL). A reason is <em>qualified</em> when an FPD field (context entry §9.3/§9.4, PASID-table entry §9.6,
 * IRTE §9.10) can suppress its recording.
 */
public enum FaultReason {
    /** 1h: the root entry used for the request has its present field clear. */
    ROOT_ENTRY_NOT_PRESENT(0x1, false),
    /** 2h: the context entry used for the request has its present field clear. */
    CONTEXT_ENTRY_NOT_PRESENT(0x2, true),
    /** 3h: invalid programming of a context entry (AW not in SAGAW, TT not supported, SLPTPTR unreadable). */
    CONTEXT_ENTRY_INVALID(0x3, true),
    /** 4h: the input address is above 2^X - 1, X the smaller of MGAW and the context's AGAW. */
    ADDRESS_BEYOND_MGAW(0x4, true),
    /** 5h: a write request without write permission. */
    WRITE_NOT_PERMITTED(0x5, true),
    /** 6h: a read request without read permission. */
    READ_NOT_PERMITTED(0x6, true),
    /** 7h: a second-level paging entry could not be read (beyond HAW or outside memory). */
    PAGING_ENTRY_ACCESS_ERROR(0x7, true),
    /** 8h: the root entry could not be read. */
    ROOT_TABLE_ACCESS_ERROR(0x8, false),
    /** 9h: the context entry could not be read. */
    CONTEXT_TABLE_ACCESS_ERROR(0x9, false),
    /** Ah: non-zero reserved field in a present root entry. */
    ROOT_ENTRY_RESERVED(0xA, false),
    /** Bh: non-zero reserved field in a present context entry. */
    CONTEXT_ENTRY_RESERVED(0xB, false),
    /** Ch: non-zero reserved field in a second-level paging entry with R or W set. */
    PAGING_ENTRY_RESERVED(0xC, true),
    /** Dh: the translation type of the context entry blocks the request. */
    CONTEXT_ENTRY_TRANSLATION_TYPE(0xD, true),
    /** Eh: the translated address falls in the interrupt address range 0xFEEx_xxxx. */
    INTERRUPT_ADDRESS(0xE, true),
    /** 20h: reserved field set in a remappable interrupt request. */
    IR_REQUEST_RESERVED(0x20, false),
    /** 21h: the interrupt index is beyond the interrupt-remapping table size. */
    IR_INDEX_BEYOND_TABLE(0x21, false),
    /** 22h: the IRTE is not present. */
    IR_ENTRY_NOT_PRESENT(0x22, true),
    /** 23h: the IRTE could not be read. */
    IR_TABLE_ACCESS_ERROR(0x23, false),
    /** 24h: reserved field set in a present IRTE. */
    IR_ENTRY_RESERVED(0x24, true),
    /** 25h: a compatibility-format interrupt while compatibility format is blocked (CFIS=0 or EIME=1). */
    IR_COMPATIBILITY_BLOCKED(0x25, false),
    /** 26h: the request's source-id failed the IRTE's source validation. */
    IR_SOURCE_ID_INVALID(0x26, true),

    /** 30h RTA.1: RTADDR_REG.TTM holds a value the unit does not support (reserved, or 01b without ECAP.SMTS). */
    SM_ROOT_TABLE_MODE_INVALID(0x30, false),
    /** 31h RTA.2: a request with PASID while TTM selects legacy mode (not reachable by requests without PASID). */
    SM_LEGACY_MODE_PASID_REQUEST(0x31, false),
    /** 32h RTA.3: a page request while TTM selects legacy mode (the model has no page requests). */
    SM_LEGACY_MODE_PAGE_REQUEST(0x32, false),
    /** 38h SRT.1: the scalable-mode root entry could not be read. */
    SM_ROOT_TABLE_ACCESS_ERROR(0x38, false),
    /** 39h SRT.2: the half of the scalable-mode root entry the devfn selects (LP or UP) is not present. */
    SM_ROOT_ENTRY_NOT_PRESENT(0x39, false),
    /** 3Ah SRT.3: non-zero reserved field in the present half of a scalable-mode root entry. */
    SM_ROOT_ENTRY_RESERVED(0x3A, false),
    /** 40h SCT.1: the scalable-mode context entry could not be read. */
    SM_CONTEXT_TABLE_ACCESS_ERROR(0x40, false),
    /** 41h SCT.2: the scalable-mode context entry is not present. */
    SM_CONTEXT_ENTRY_NOT_PRESENT(0x41, true),
    /** 42h SCT.3: non-zero reserved field in a present scalable-mode context entry. */
    SM_CONTEXT_ENTRY_RESERVED(0x42, false),
    /** 43h SCT.4: invalid programming of a present scalable-mode context entry. */
    SM_CONTEXT_ENTRY_INVALID(0x43, true),
    /** 44h SCT.5: a translation request or translated request while the context entry's DTE is 0. */
    SM_CONTEXT_DEVICE_TLB_DISABLED(0x44, true),
    /** 45h SCT.6: a request with PASID while the context entry's PASIDE is 0 (needs requests with PASID). */
    SM_CONTEXT_PASID_DISABLED(0x45, true),
    /** 46h SCT.7: the request's PASID is beyond the PASID directory the context entry's PDTS sizes. */
    SM_CONTEXT_PASID_BEYOND_DIRECTORY(0x46, true),
    /** 47h SCT.8: a page request while the context entry's PRE is 0 (the model has no page requests). */
    SM_CONTEXT_PAGE_REQUEST_DISABLED(0x47, true),
    /** 48h SCT.9: a request without PASID whose context entry's RID_PASID is beyond its PASID directory. */
    SM_CONTEXT_RID_PASID_INVALID(0x48, true),
    /** 50h SPD.1: the PASID directory entry could not be read. */
    SM_PASID_DIRECTORY_ACCESS_ERROR(0x50, true),
    /** 51h SPD.2: the PASID directory entry is not present. */
    SM_PASID_DIRECTORY_ENTRY_NOT_PRESENT(0x51, true),
    /** 52h SPD.3: non-zero reserved field in a present PASID directory entry. */
    SM_PASID_DIRECTORY_ENTRY_RESERVED(0x52, true),
    /** 58h SPT.1: the PASID-table entry could not be read. */
    SM_PASID_TABLE_ACCESS_ERROR(0x58, true),
    /** 59h SPT.2: the PASID-table entry is not present. */
    SM_PASID_ENTRY_NOT_PRESENT(0x59, true),
    /** 5Ah SPT.3: non-zero reserved field in a present PASID-table entry. */
    SM_PASID_ENTRY_RESERVED(0x5A, true),
    /** 5Bh SPT.4: invalid programming of a present PASID-table entry (PGTT, AW or paging mode not supported). */
    SM_PASID_ENTRY_INVALID(0x5B, true),
    /** 5Ch SPT.5: an execute request while the PASID-table entry's ERE is 0 (needs requests with PASID). */
    SM_PASID_ENTRY_EXECUTE_DISABLED(0x5C, true),
    /** 5Dh SPT.6: a supervisor request while the PASID-table entry's SRE is 0 (needs requests with PASID). */
    SM_PASID_ENTRY_SUPERVISOR_DISABLED(0x5D, true),
    /** 70h SFS.1: a first-stage paging entry (below the one FSPTPTR points at) could not be read. */
    SM_FIRST_STAGE_ENTRY_ACCESS_ERROR(0x70, true),
    /** 71h SFS.2: a first-stage paging entry is not present (P = 0). */
    SM_FIRST_STAGE_ENTRY_NOT_PRESENT(0x71, true),
    /** 72h SFS.3: non-zero reserved field in a present first-stage paging entry. */
    SM_FIRST_STAGE_ENTRY_RESERVED(0x72, true),
    /** 73h SFS.4: the first-stage entry FSPTPTR points at could not be read. */
    SM_FIRST_STAGE_ROOT_ACCESS_ERROR(0x73, true),
    /** 74h SFS.5: nested translation: a first-stage table address beyond the second stage's reach (out of scope). */
    SM_NESTED_FIRST_STAGE_ADDRESS_BEYOND(0x74, true),
    /** 75h SFS.6: nested translation: no read right for the first-stage root table (out of scope). */
    SM_NESTED_FIRST_STAGE_ROOT_READ(0x75, true),
    /** 76h SFS.7: nested translation: no read right for a first-stage table (out of scope). */
    SM_NESTED_FIRST_STAGE_READ(0x76, true),
    /** 77h SFS.8: nested translation: no write right to update a first-stage entry's A/D bits (out of scope). */
    SM_NESTED_FIRST_STAGE_WRITE(0x77, true),
    /** 78h SSS.1: a second-stage paging entry (below the one SSPTPTR points at) could not be read. */
    SM_SECOND_STAGE_ENTRY_ACCESS_ERROR(0x78, true),
    /** 79h SSS.2: a second-stage paging entry is not present (R = W = 0). */
    SM_SECOND_STAGE_ENTRY_NOT_PRESENT(0x79, true),
    /** 7Ah SSS.3: non-zero reserved field in a present second-stage paging entry. */
    SM_SECOND_STAGE_ENTRY_RESERVED(0x7A, true),
    /** 7Bh SSS.4: the second-stage entry SSPTPTR points at could not be read. */
    SM_SECOND_STAGE_ROOT_ACCESS_ERROR(0x7B, true),
    /** 7Ch SSS.5: a second-stage A/D update is needed but page walks do not snoop (the model sets no A/D bits). */
    SM_SECOND_STAGE_AD_NOT_SNOOPED(0x7C, true),
    /** 7Dh SSS.6: a second-stage A/D update failed (the model sets no A/D bits). */
    SM_SECOND_STAGE_AD_UPDATE_FAILED(0x7D, true),
    /** 80h SGN.1: the input address of a first-stage translation is not canonical. */
    SM_NON_CANONICAL_ADDRESS(0x80, true),
    /** 81h SGN.2: a user request through a first-stage entry with U/S = 0 (supervisor-only). */
    SM_USER_REQUEST_TO_SUPERVISOR_PAGE(0x81, true),
    /** 82h SGN.3: an execute request without execute right (needs requests with PASID). */
    SM_EXECUTE_NOT_PERMITTED(0x82, true),
    /** 83h SGN.4: the output of a stage, or a pass-through address, is beyond the host address width. */
    SM_ADDRESS_BEYOND_HAW(0x83, true),
    /** 84h SGN.5: the input address of a second-stage translation is above 2^X - 1, X = min(MGAW, AGAW). */
    SM_ADDRESS_BEYOND_AGAW(0x84, true),
    /** 85h SGN.6: a write request without write right. */
    SM_WRITE_NOT_PERMITTED(0x85, true),
    /** 86h SGN.7: a read request without read right. */
    SM_READ_NOT_PERMITTED(0x86, true),
    /** 87h SGN.8: the translated address falls in the interrupt address range 0xFEEx_xxxx. */
    SM_INTERRUPT_ADDRESS(0x87, true),
    /** 90h SFS.9: a first-stage A/D update is needed but page walks do not snoop (the model sets no A/D bits). */
    SM_FIRST_STAGE_AD_NOT_SNOOPED(0x90, true),
    /** 91h SFS.10: a first-stage A/D update failed (the model sets no A/D bits). */
    SM_FIRST_STAGE_AD_UPDATE_FAILED(0x91, true);

    private final int code;
    private final boolean qualified;

    FaultReason(int code, boolean qualified) {
        this.code = code;
        this.qualified = qualified;
    }

    /** The fault reason's encoding in the FR field of a fault recording register. */
    public int code() {
        return code;
    }

    /**
     * Whether an FPD field set to 1 suppresses recording of this fault (§7.1.3 "Qualified"): DMA 2h–7h, Ch–Eh;
     * interrupt 22h, 24h, 26h; scalable mode every reason found at or after a context entry was read, except
     * SCT.3 (42h), the reserved field of the context entry that holds the FPD.
     */
    public boolean isQualified() {
        return qualified;
    }

    /** Whether this is an interrupt-remapping fault (codes 20h–26h). */
    public boolean isInterruptRemapping() {
        return code >= 0x20 && code <= 0x26;
    }

    /** Whether this is a scalable-mode DMA-remapping fault (codes 30h and up). */
    public boolean isScalableMode() {
        return code >= 0x30;
    }

    /** The reason with this encoding, if the specification defines one. */
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
