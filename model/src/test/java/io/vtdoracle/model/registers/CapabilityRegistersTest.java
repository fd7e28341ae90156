package io.vtdoracle.model.registers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vtdoracle.api.Capabilities;
import io.vtdoracle.api.ScalableMode;
import org.junit.jupiter.api.Test;

class CapabilityRegistersTest {

    private static final Capabilities QEMU_10 = Capabilities.DEFAULT.withAddressWidth(48);

    @Test
    void legacyModeReportsNoScalableBits() {
        long ecap = CapabilityRegisters.extendedCapability(QEMU_10);
        assertThat(ecap & (1L << 31 | 1L << 43 | 1L << 46 | 1L << 47)).isZero();
        assertThat(CapabilityRegisters.capability(QEMU_10) & (1L << 56 | 1L << 60)).isZero();
    }

    @Test
    void scalableModeAddsTheBitsQemu10Reports() {
        // QEMU 10.0 intel-iommu,intremap=on,caching-mode=on (ECAP 0xf00f4a, CAP 0xd2008c222f0686, eim=off) with
        // x-scalable-mode=on: ECAP 0x480080f00f4a; with x-flts=on too: ECAP 0x880000f00f4a, CAP 0x1d2008c222f0686.
        Capabilities secondStage = QEMU_10.withScalableMode(ScalableMode.QEMU_SECOND_STAGE);
        Capabilities firstStage = QEMU_10.withScalableMode(ScalableMode.QEMU_FIRST_STAGE);
        long legacyEcap = CapabilityRegisters.extendedCapability(QEMU_10);
        long legacyCap = CapabilityRegisters.capability(QEMU_10);
        assertThat(CapabilityRegisters.extendedCapability(secondStage) ^ legacyEcap).isEqualTo(0x4800_8000_0000L);
        assertThat(CapabilityRegisters.capability(secondStage)).isEqualTo(legacyCap);
        assertThat(CapabilityRegisters.extendedCapability(firstStage) ^ legacyEcap).isEqualTo(0x8800_0000_0000L);
        assertThat(CapabilityRegisters.capability(firstStage) ^ legacyCap).isEqualTo(1L << 56);
    }

    @Test
    void scalableBitsNeedScalableMode() {
        assertThatThrownBy(() -> new ScalableMode(false, true, false, false, false, false))
                .hasMessageContaining("SMTS");
        assertThatThrownBy(() -> new ScalableMode(true, true, false, false, true, false))
                .hasMessageContaining("FLTS");
        assertThat(Capabilities.DEFAULT.scalableMode()).isEqualTo(ScalableMode.NONE);
    }
}
