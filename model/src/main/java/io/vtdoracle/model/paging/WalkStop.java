package io.vtdoracle.model.paging;

import io.vtdoracle.api.Access;
import io.vtdoracle.api.FaultReason;

/**
 * Where a second-level (second-stage) walk stops without a leaf (§3.7), before a mode names it: legacy mode with
 * the reasons of §7.1.3's legacy table, scalable mode with SSS.x and SGN.x.
 */
public enum WalkStop {
    /** The input address is above the AGAW. */
    BEYOND_ADDRESS_WIDTH,
    /** The entry of the top table (the one the table pointer names) cannot be read. */
    TOP_ENTRY_UNREADABLE,
    /** An entry of a lower table cannot be read. */
    ENTRY_UNREADABLE,
    /** An entry has R = W = 0. */
    NOT_PRESENT,
    /** An entry lacks the request's right (permission-first reading of ambiguity A1 only). */
    NOT_PERMITTED,
    /** A present entry has a reserved bit set. */
    RESERVED;

    /** §7.1.3, legacy mode: 4h; 3h (an unreadable SLPTPTR is an invalid context); 7h; 5h/6h; 5h/6h; Ch. */
    public FaultReason legacyReason(Access access) {
        switch (this) {
            case BEYOND_ADDRESS_WIDTH:
                return FaultReason.ADDRESS_BEYOND_MGAW;
            case TOP_ENTRY_UNREADABLE:
                return FaultReason.CONTEXT_ENTRY_INVALID;
            case ENTRY_UNREADABLE:
                return FaultReason.PAGING_ENTRY_ACCESS_ERROR;
            case RESERVED:
                return FaultReason.PAGING_ENTRY_RESERVED;
            default: // not present, not permitted
                return access == Access.WRITE ? FaultReason.WRITE_NOT_PERMITTED : FaultReason.READ_NOT_PERMITTED;
        }
    }

    /** §7.1.3, scalable mode: SGN.5 84h; SSS.4 7Bh; SSS.1 78h; SSS.2 79h; SGN.6 85h / SGN.7 86h; SSS.3 7Ah. */
    public FaultReason scalableReason(Access access) {
        switch (this) {
            case BEYOND_ADDRESS_WIDTH:
                return FaultReason.SM_ADDRESS_BEYOND_AGAW;
            case TOP_ENTRY_UNREADABLE:
                return FaultReason.SM_SECOND_STAGE_ROOT_ACCESS_ERROR;
            case ENTRY_UNREADABLE:
                return FaultReason.SM_SECOND_STAGE_ENTRY_ACCESS_ERROR;
            case NOT_PRESENT:
                return FaultReason.SM_SECOND_STAGE_ENTRY_NOT_PRESENT;
            case RESERVED:
                return FaultReason.SM_SECOND_STAGE_ENTRY_RESERVED;
            default: // not permitted
                return access == Access.WRITE ? FaultReason.SM_WRITE_NOT_PERMITTED : FaultReason.SM_READ_NOT_PERMITTED;
        }
    }
}
