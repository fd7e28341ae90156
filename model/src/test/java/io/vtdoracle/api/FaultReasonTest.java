package io.vtdoracle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaultReasonTest {

    @Test
    void everyCodeIsDistinctAndFoundAgain() {
        Set<Integer> codes = new HashSet<>();
        for (FaultReason reason : FaultReason.values()) {
            assertThat(codes.add(reason.code())).as("%s has its own code", reason).isTrue();
            assertThat(FaultReason.ofCode(reason.code())).contains(reason);
        }
        assertThat(FaultReason.ofCode(0x27)).isEmpty();
        assertThat(FaultReason.ofCode(0x33)).isEmpty();
    }

    @Test
    void interruptRemappingFaultsAre20hTo26hOnly() {
        assertThat(Arrays.stream(FaultReason.values()).filter(FaultReason::isInterruptRemapping)
                .map(FaultReason::code)).containsExactly(0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26);
        assertThat(FaultReason.SM_INTERRUPT_ADDRESS.isInterruptRemapping()).isFalse();
        assertThat(FaultReason.SM_ROOT_TABLE_MODE_INVALID.isScalableMode()).isTrue();
        assertThat(FaultReason.IR_SOURCE_ID_INVALID.isScalableMode()).isFalse();
    }

    @Test
    void scalableModeCodesFollowTheSpecificationTable() {
        // §7.1.3: RTA 30h–32h, SRT 38h–3Ah, SCT 40h–48h, SPD 50h–52h, SPT 58h–5Dh, SFS 70h–77h, SSS 78h–7Dh,
        // SGN 80h–87h, SFS.9–10 90h–91h.
        assertThat(Arrays.stream(FaultReason.values()).filter(FaultReason::isScalableMode).map(FaultReason::code))
                .containsExactly(0x30, 0x31, 0x32, 0x38, 0x39, 0x3A, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47,
                        0x48, 0x50, 0x51, 0x52, 0x58, 0x59, 0x5A, 0x5B, 0x5C, 0x5D, 0x70, 0x71, 0x72, 0x73, 0x74,
                        0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x7B, 0x7C, 0x7D, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85,
                        0x86, 0x87, 0x90, 0x91);
    }

    @Test
    void faultsBeforeAnFpdIsReadAreNotQualified() {
        List<FaultReason> unqualified = Arrays.stream(FaultReason.values()).filter(r -> !r.isQualified()).toList();
        assertThat(unqualified).containsExactlyInAnyOrder(FaultReason.ROOT_ENTRY_NOT_PRESENT,
                FaultReason.ROOT_TABLE_ACCESS_ERROR, FaultReason.CONTEXT_TABLE_ACCESS_ERROR,
                FaultReason.ROOT_ENTRY_RESERVED, FaultReason.CONTEXT_ENTRY_RESERVED, FaultReason.IR_REQUEST_RESERVED,
                FaultReason.IR_INDEX_BEYOND_TABLE, FaultReason.IR_TABLE_ACCESS_ERROR,
                FaultReason.IR_COMPATIBILITY_BLOCKED, FaultReason.SM_ROOT_TABLE_MODE_INVALID,
                FaultReason.SM_LEGACY_MODE_PASID_REQUEST, FaultReason.SM_LEGACY_MODE_PAGE_REQUEST,
                FaultReason.SM_ROOT_TABLE_ACCESS_ERROR, FaultReason.SM_ROOT_ENTRY_NOT_PRESENT,
                FaultReason.SM_ROOT_ENTRY_RESERVED, FaultReason.SM_CONTEXT_TABLE_ACCESS_ERROR,
                FaultReason.SM_CONTEXT_ENTRY_RESERVED);
    }
}
